package dev.streamsuite.runtime.query;

import dev.streamsuite.model.Fields;
import dev.streamsuite.model.Json;
import dev.streamsuite.runtime.streams.StreamsRunner;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.internals.StateStoreProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JavaType;

/**
 * Answers a query from the instance that holds the data, so that every instance gives the same answer.
 *
 * <ul>
 *   <li>A key goes to the instance whose active task owns its partition ({@code KeyQueryMetadata}),
 *   forwarded at most one hop. When that copy cannot answer (down, rebalancing, restoring), a standby
 *   copy answers if it lags at most {@code suite.query.max-standby-lag} records (KIP-535); the response
 *   then carries {@code X-Served-From: standby} and {@code X-Standby-Lag}. Otherwise 503 with Retry-After.</li>
 *   <li>A list is gathered partition by partition: each partition of the store from its active copy, or
 *   from a standby when the active one fails, so every item comes exactly once or the answer is a 503,
 *   never an incomplete list.</li>
 *   <li>Before its first assignment an instance knows no copies, and passes the user's request whole to an instance
 *   of its last assignment, which answers it as above (so a key may take two hops then).</li>
 * </ul>
 */
public final class InteractiveQueries {

    public static final String SERVED_FROM_HEADER = "X-Served-From";
    public static final String STANDBY_LAG_HEADER = "X-Standby-Lag";

    /** Any store, as it is: only to check that a copy is still open here (see {@link #inScope}). */
    private static final QueryableStoreType<Object> ANY_STORE = new QueryableStoreType<>() {
        @Override
        public boolean accepts(StateStore stateStore) {
            return true;
        }

        @Override
        public Object create(StateStoreProvider storeProvider, String storeName) {
            return storeProvider.stores(storeName, this);
        }
    };

    private final StreamsRunner runner;
    private final QueryHosts hosts;
    private final Forwarder forwarder;
    private final ExecutorService executor;
    private final int retryAfterSeconds;
    private final long maxStandbyLag;
    private final CommittedTail committedTail;
    private volatile StoreLayout layout;
    /** The highest partition count each store's metadata has shown. */
    private final Map<String, Integer> partitionsSeen = new ConcurrentHashMap<>();

    public InteractiveQueries(StreamsRunner runner, QueryHosts hosts, org.springframework.web.client.RestClient client,
                              ExecutorService executor, int retryAfterSeconds, long maxStandbyLag, CommittedTail committedTail) {
        this.runner = runner;
        this.hosts = hosts;
        this.forwarder = new Forwarder(client, runner::peerToken);
        this.executor = executor;
        this.retryAfterSeconds = retryAfterSeconds;
        this.maxStandbyLag = maxStandbyLag;
        this.committedTail = committedTail;
    }

    /**
     * This instance's stores of {@code name}: all its active partitions, or, while answering a forwarded
     * call, exactly the partition (and active or standby copy) that call is for.
     */
    public <S> S localStore(String name, QueryableStoreType<S> type) {
        StoreQueryParameters<S> parameters = StoreQueryParameters.fromNameAndType(name, type);
        QueryScope.Local scope = QueryScope.current();
        if (scope != null) {
            parameters = parameters.withPartition(scope.partition());
            if (scope.stale()) {
                parameters = parameters.enableStaleStores();
            }
        }
        return streams().store(parameters);
    }

    /** The partition a local lookup is confined to while answering a query, if any (for IQv2 queries). */
    public Optional<Integer> scopedPartition() {
        return Optional.ofNullable(QueryScope.current()).map(QueryScope.Local::partition);
    }

    /** Whether the local lookup in progress may read a standby copy (for IQv2: do not {@code requireActive()}). */
    public boolean staleReadAllowed() {
        QueryScope.Local scope = QueryScope.current();
        return scope != null && scope.stale();
    }

    /**
     * The scope of a call another instance forwarded, null for a user's call. Only the instances know the token:
     * a client that sets {@code X-Forwarded-Query} itself would otherwise get one partition's answer (a key's
     * "not found", a list's part) as if it were the whole one.
     */
    private QueryScope forwardedScope(HttpServletRequest request) {
        String header = request.getHeader(QueryScope.HEADER);
        if (header == null) {
            return null;
        }
        String token = runner.peerToken();
        if (token == null) {
            throw unavailable("this instance is starting");
        }
        String given = request.getHeader(QueryScope.TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw ApiException.badRequest(QueryScope.HEADER + " is set by the instances for each other only");
        }
        return QueryScope.of(header);
    }

    /**
     * Answers a request for one key of {@code store}: locally when this instance holds the copy that
     * answers, else by forwarding the same request. An empty answer is a 404 with {@code notFound}.
     */
    public ResponseEntity<?> byKey(String store, String key, HttpServletRequest request, Supplier<Optional<?>> local,
                                   String notFound) {
        Params.checkRequest(request);
        String idProblem = Fields.idProblem(key);
        if (idProblem != null) {
            throw ApiException.badRequest("the id in the path " + idProblem + " (ids are non-blank strings of at most "
                    + Fields.MAX_ID_LENGTH + " characters)");
        }
        QueryScope forwarded = forwardedScope(request);
        if (forwarded != null) {
            // the calling instance routed the key (the token says it was one): no metadata lookup a second time
            return answerKeyLocally(store, forwarded.partitions().get(0), forwarded.stale(), local, notFound);
        }
        Optional<ResponseEntity<byte[]>> relayed = relayBeforeFirstAssignment(request);
        if (relayed.isPresent()) {
            return relayed.get();
        }
        KafkaStreams streams = streams();
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw unavailable(noOwnerKnown(streams, key));
        }
        List<HostInfo> copies = new ArrayList<>();
        if (owner.activeHost() != null && owner.activeHost().port() >= 0) {
            copies.add(owner.activeHost());
        }
        copies.addAll(owner.standbyHosts());
        String lastProblem = "no instance holds key '" + key + "' right now (rebalancing)";
        for (HostInfo host : copies) {
            boolean stale = !host.equals(owner.activeHost());
            try {
                if (host.equals(hosts.self())) {
                    return answerKeyLocally(store, owner.partition(), stale, local, notFound);
                }
                return passedOn(request, host, forwarder.get(host, request, new QueryScope(false, List.of(owner.partition()), stale)));
            } catch (Forwarder.Unavailable e) {
                lastProblem = e.getMessage();
            } catch (ApiException e) {
                if (e.status() != HttpStatus.SERVICE_UNAVAILABLE) {
                    throw e;
                }
                lastProblem = e.getMessage();
            }
        }
        throw unavailable("no copy of key '" + key + "' can answer right now: " + lastProblem);
    }

    private ResponseEntity<?> answerKeyLocally(String store, int partition, boolean stale, Supplier<Optional<?>> local,
                                               String notFound) {
        Long lag = stale ? standbyLag(store, partition) : null;
        Object value;
        try {
            // an empty result and a lookup's own "not found" (order-enricher's customers: unknown or deleted) alike
            value = inScope(store, partition, stale, () -> local.get().orElseThrow(() -> ApiException.notFound(notFound)));
        } catch (ApiException e) {
            throw e.status() == HttpStatus.NOT_FOUND && stale
                    ? e.withHeader(SERVED_FROM_HEADER, "standby").withHeader(STANDBY_LAG_HEADER, lag.toString()) : e;
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (stale) {
            response.header(SERVED_FROM_HEADER, "standby").header(STANDBY_LAG_HEADER, lag.toString());
        }
        return response.body(value);
    }

    /**
     * Gathers a list from every partition of {@code store}, each from one copy; the instance the user
     * called merges the items and applies {@code finish} (sorting, limits, pages). {@code X-Served-By}
     * names every instance that answered.
     */
    public <T> ResponseEntity<?> gather(String store, HttpServletRequest request, Class<T> itemType, Supplier<List<T>> local,
                                       Function<List<T>, Object> finish) {
        Params.checkRequest(request);
        QueryScope forwarded = forwardedScope(request);
        if (forwarded != null) {
            return ResponseEntity.ok(localPartitions(store, forwarded.partitions(), forwarded.stale(), local));
        }
        Optional<ResponseEntity<byte[]>> relayed = relayBeforeFirstAssignment(request);
        if (relayed.isPresent()) {
            return relayed.get();
        }
        PartitionCopies copies = copiesOf(store);
        JavaType listType = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, itemType);
        Map<HostInfo, CompletableFuture<List<T>>> fromActive = new LinkedHashMap<>();
        copies.partitionsByActive().forEach((host, partitions) -> fromActive.put(host, host.equals(hosts.self())
                ? CompletableFuture.completedFuture(null) // answered below, on this thread (store scopes are thread-bound)
                : CompletableFuture.supplyAsync(() -> remoteList(host, request, partitions, false, listType), executor)));
        List<T> items = new ArrayList<>();
        // sorted: every instance names the same set in the same order, whichever was asked and answered first
        Set<String> servedBy = new TreeSet<>();
        for (var entry : fromActive.entrySet()) {
            HostInfo host = entry.getKey();
            List<Integer> partitions = copies.partitionsByActive().get(host);
            try {
                items.addAll(host.equals(hosts.self()) ? localPartitions(store, partitions, false, local) : join(entry.getValue()));
                servedBy.add(QueryHosts.address(host));
            } catch (Forwarder.Unavailable | ApiException | InvalidStateStoreException e) {
                for (int partition : partitions) {
                    items.addAll(fromStandby(store, request, copies, partition, local, listType, servedBy));
                }
            }
        }
        for (int partition : copies.withoutActive()) {
            items.addAll(fromStandby(store, request, copies, partition, local, listType, servedBy));
        }
        ServedBy.record(request, List.copyOf(servedBy));
        return ResponseEntity.ok(finish.apply(items));
    }

    /**
     * Before its first assignment this instance knows no owner of any key, so it passes the user's request whole to an
     * instance of its last assignment (see {@link StreamsRunner#hintedPeers}), whose answer, from the owner's or a
     * standby's store, goes back as it is. Empty when it has an assignment, was asked by such a relay itself, or no
     * such instance answers.
     */
    private Optional<ResponseEntity<byte[]>> relayBeforeFirstAssignment(HttpServletRequest request) {
        if (request.getHeader(Forwarder.RELAYED_HEADER) != null || !beforeFirstAssignment()) {
            return Optional.empty();
        }
        for (HostInfo peer : runner.hintedPeers()) {
            if (peer.equals(hosts.self())) {
                continue;
            }
            try {
                return Optional.of(passedOn(request, peer, forwarder.relay(peer, request)));
            } catch (Forwarder.Unavailable e) {
                // the next one
            }
        }
        return Optional.empty();
    }

    private <T> List<T> fromStandby(String store, HttpServletRequest request, PartitionCopies copies, int partition,
                                    Supplier<List<T>> local, JavaType listType, Set<String> servedBy) {
        for (HostInfo host : copies.standbys().getOrDefault(partition, List.of())) {
            try {
                List<T> part = host.equals(hosts.self())
                        ? localPartitions(store, List.of(partition), true, local)
                        : remoteList(host, request, List.of(partition), true, listType);
                servedBy.add(QueryHosts.address(host));
                return part;
            } catch (Forwarder.Unavailable | ApiException | InvalidStateStoreException e) {
                // try the next standby
            }
        }
        throw unavailable("partition " + partition + " of " + store + " has no copy that can answer right now");
    }

    private <T> List<T> localPartitions(String store, List<Integer> partitions, boolean stale, Supplier<List<T>> local) {
        List<T> items = new ArrayList<>();
        for (int partition : partitions) {
            if (stale) {
                standbyLag(store, partition);
            }
            items.addAll(inScope(store, partition, stale, local));
        }
        return items;
    }

    private <T> List<T> remoteList(HostInfo host, HttpServletRequest request, List<Integer> partitions, boolean stale,
                                   JavaType listType) {
        ResponseEntity<byte[]> answer = forwarder.get(host, request, new QueryScope(true, partitions, stale));
        if (!answer.getStatusCode().is2xxSuccessful() || answer.getBody() == null) {
            throw new Forwarder.Unavailable(QueryHosts.address(host) + " answered " + answer.getStatusCode());
        }
        return Json.MAPPER.readValue(answer.getBody(), listType);
    }

    /**
     * Who holds which partition of a store, from Kafka Streams metadata. The store's partition count is the highest
     * the metadata has shown (partition counts never shrink): metadata of a rebalance that names fewer partitions then
     * gives a 503 for the ones it leaves out, where a count taken from it alone would drop them from the list.
     */
    private PartitionCopies copiesOf(String store) {
        KafkaStreams streams = streams();
        StoreLayout storeLayout = layout();
        Map<Integer, HostInfo> active = new HashMap<>();
        Map<Integer, List<HostInfo>> standbys = new HashMap<>();
        for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
            for (TopicPartition tp : instance.topicPartitions()) {
                if (storeLayout.feeds(store, tp.topic())) {
                    active.put(tp.partition(), instance.hostInfo());
                }
            }
            for (TopicPartition tp : instance.standbyTopicPartitions()) {
                if (storeLayout.feeds(store, tp.topic())) {
                    List<HostInfo> list = standbys.computeIfAbsent(tp.partition(), p -> new ArrayList<>());
                    if (!list.contains(instance.hostInfo())) {
                        list.add(instance.hostInfo());
                    }
                }
            }
        }
        int partitions = partitionsSeen.merge(store, PartitionCopies.partitionsNamed(active, standbys), Math::max);
        return PartitionCopies.plan(store, partitions, active, standbys, retryAfterSeconds);
    }

    private StoreLayout layout() {
        if (layout == null) {
            layout = new StoreLayout(runner.service().topology().describe(), runner.applicationId());
        }
        return layout;
    }

    /**
     * The lag of this instance's standby copy of a partition, or 503 when it is too far behind. Past the limit,
     * the committed records it misses count instead of offsets: a changelog ending in an aborted transaction
     * would otherwise keep a standby that has everything "behind" until the next commit to that partition.
     */
    private long standbyLag(String store, int partition) {
        LagInfo lag = streams().allLocalStorePartitionLags().getOrDefault(store, Map.of()).get(partition);
        if (lag == null) {
            throw unavailable("this instance holds no copy of partition " + partition + " of " + store);
        }
        if (lag.offsetLag() <= maxStandbyLag) {
            return lag.offsetLag();
        }
        TopicPartition changelog = new TopicPartition(runner.applicationId() + "-" + store + "-changelog", partition);
        long missing = committedTail.committedFrom(changelog, lag.currentOffsetPosition(), lag.endOffsetPosition(),
                maxStandbyLag);
        if (missing > maxStandbyLag) {
            throw unavailable("the standby copy is " + lag.offsetLag() + " records behind (max " + maxStandbyLag + ")");
        }
        return missing;
    }

    /**
     * Reads one partition's copy of {@code store} here. A store closed while it is read (this instance
     * shutting down, or the task moving away in a rebalance) can give an empty result instead of an error,
     * so the answer counts only if the copy is still open here after the read. After a long pause of this
     * process nothing is read until the group has settled who owns what ({@code PauseWatch}).
     */
    private <R> R inScope(String store, int partition, boolean stale, Supplier<R> local) {
        runner.pauseDoubt().ifPresent(doubt -> {
            throw unavailable(doubt);
        });
        try (QueryScope.Local ignored = QueryScope.open(partition, stale)) {
            try {
                return local.get();
            } finally {
                // the same copy as the read, through the scope still open; a "not found" counts only from it too
                localStore(store, ANY_STORE);
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable("the store of partition " + partition + " is not queryable right now (rebalancing or restoring)");
        }
    }

    private <T> List<T> join(CompletableFuture<List<T>> part) {
        try {
            return part.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Why no instance is known to hold {@code key}. Before its first assignment an instance knows no other instance
     * either: a restart after a SIGKILL stays so until the group has dropped the killed member (up to
     * {@code session.timeout.ms}), while the other instances answer for their keys.
     */
    static String noOwnerKnown(KafkaStreams streams, String key) {
        return streams.metadataForAllStreamsClients().isEmpty()
                ? "this instance has not had its first assignment yet, so it does not know which instance holds key '" + key
                        + "' (after a crash of this instance, until the group has dropped the crashed member: up to session.timeout.ms)"
                : "no instance holds key '" + key + "' right now (rebalancing)";
    }

    /** Another instance's answer, going back as it is, with the {@code X-Served-By} it names (else that instance). */
    private static ResponseEntity<byte[]> passedOn(HttpServletRequest request, HostInfo from, ResponseEntity<byte[]> answer) {
        String servedBy = answer.getHeaders().getFirst(ServedBy.HEADER);
        ServedBy.record(request, List.of(servedBy != null ? servedBy : QueryHosts.address(from)));
        return answer;
    }

    /** Not started, or started and not yet told by the group who holds what (RUNNING always has been). */
    private boolean beforeFirstAssignment() {
        KafkaStreams streams = runner.streams().orElse(null);
        if (streams == null) {
            return true;
        }
        try {
            return switch (streams.state()) {
                case CREATED -> true;
                case REBALANCING -> streams.metadataForAllStreamsClients().isEmpty();
                default -> false;
            };
        } catch (RuntimeException stateChangedMeanwhile) {
            return false;
        }
    }

    /** The running Kafka Streams (for IQv2 queries such as versioned stores), or 503 while it is not queryable. */
    public KafkaStreams streams() {
        KafkaStreams streams = runner.streams().orElse(null);
        KafkaStreams.State state = streams == null ? KafkaStreams.State.CREATED : streams.state();
        if (state == KafkaStreams.State.CREATED) {
            throw unavailable("Kafka Streams has not started yet");
        }
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw unavailable("Kafka Streams is " + state);
        }
        return streams;
    }

    public ApiException unavailable(String detail) {
        return ApiException.unavailable(detail, retryAfterSeconds);
    }
}
