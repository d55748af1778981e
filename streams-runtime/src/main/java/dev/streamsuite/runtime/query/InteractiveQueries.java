package dev.streamsuite.runtime.query;

import dev.streamsuite.model.Json;
import dev.streamsuite.runtime.streams.StreamsRunner;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JavaType;

/**
 * Answers a query from the instance that holds the data. A key goes to the instance whose active task
 * owns its partition (forwarded at most one hop, only to hosts Kafka Streams metadata names); a list
 * is gathered from every instance's active stores. A store that is not queryable right now gives 503
 * with Retry-After, never a wrong answer.
 */
public final class InteractiveQueries {

    /** Marks a call from another instance; its value is the kind of call ({@link #KEY} or {@link #LOCAL}). */
    public static final String FORWARDED_HEADER = "X-Forwarded-Query";
    static final String KEY = "key";
    static final String LOCAL = "local";

    private static final Logger log = LoggerFactory.getLogger(InteractiveQueries.class);

    private final StreamsRunner runner;
    private final QueryHosts hosts;
    private final RestClient client;
    private final ExecutorService executor;
    private final int retryAfterSeconds;

    public InteractiveQueries(StreamsRunner runner, QueryHosts hosts, RestClient client, ExecutorService executor,
                              int retryAfterSeconds) {
        this.runner = runner;
        this.hosts = hosts;
        this.client = client;
        this.executor = executor;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** This instance's active stores of {@code name}, or 503 when they cannot be queried now. */
    public <S> S localStore(String name, QueryableStoreType<S> type) {
        return streams().store(StoreQueryParameters.fromNameAndType(name, type));
    }

    /**
     * Answers a request for one key of {@code store}: locally when this instance owns it, else by
     * forwarding the same request to the owner. An empty local answer is a 404 with {@code notFound}.
     */
    public ResponseEntity<?> byKey(String store, String key, HttpServletRequest request, Supplier<Optional<?>> local,
                                   String notFound) {
        KafkaStreams streams = streams();
        KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || owner.activeHost() == null
                || owner.activeHost().port() < 0) {
            throw unavailable("no instance owns key '" + key + "' right now (rebalancing)");
        }
        if (owner.activeHost().equals(hosts.self())) {
            Object value = local.get().orElseThrow(() -> ApiException.notFound(notFound));
            return ResponseEntity.ok(value);
        }
        if (request.getHeader(FORWARDED_HEADER) != null) {
            // a forwarded call reached an instance that no longer owns the key: the owner moved
            throw unavailable("key '" + key + "' is moving between instances (rebalancing)");
        }
        return forward(owner.activeHost(), request);
    }

    /**
     * Gathers a list from the active stores of every instance that hosts {@code store}. A call from
     * another instance gets only this instance's items; the instance the user called merges them and
     * applies {@code finish} (sorting, limits, pages). {@code X-Served-By} names every instance.
     */
    public <T> Object gather(String store, HttpServletRequest request, Class<T> itemType, Supplier<List<T>> local,
                             Function<List<T>, Object> finish) {
        if (LOCAL.equals(request.getHeader(FORWARDED_HEADER))) {
            return local.get();
        }
        KafkaStreams streams = streams();
        List<HostInfo> owners = streams.metadataForAllStreamsClients().stream()
                .filter(m -> m.stateStoreNames().contains(store) && !m.topicPartitions().isEmpty())
                .map(StreamsMetadata::hostInfo)
                .distinct()
                .toList();
        if (owners.isEmpty()) {
            throw unavailable("no instance hosts " + store + " right now (starting or rebalancing)");
        }
        JavaType listType = Json.MAPPER.getTypeFactory().constructCollectionType(List.class, itemType);
        List<CompletableFuture<List<T>>> parts = owners.stream()
                .map(host -> host.equals(hosts.self())
                        ? CompletableFuture.completedFuture(local.get())
                        : CompletableFuture.<List<T>>supplyAsync(() -> fetchLocal(host, request, listType), executor))
                .toList();
        List<T> items = new ArrayList<>();
        for (CompletableFuture<List<T>> part : parts) {
            items.addAll(join(part));
        }
        ServedBy.record(request, owners.stream().map(QueryHosts::address).toList());
        return finish.apply(items);
    }

    private <T> List<T> fetchLocal(HostInfo host, HttpServletRequest request, JavaType listType) {
        byte[] body = client.get().uri(target(host, request))
                .header(FORWARDED_HEADER, LOCAL)
                .retrieve()
                .body(byte[].class);
        return Json.MAPPER.readValue(body, listType);
    }

    private ResponseEntity<byte[]> forward(HostInfo owner, HttpServletRequest request) {
        try {
            ResponseEntity<byte[]> answer = client.get().uri(target(owner, request))
                    .header(FORWARDED_HEADER, KEY)
                    .exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
                            .headers(h -> copy(res.getHeaders(), h))
                            .body(res.getBody().readAllBytes()));
            String servedBy = answer.getHeaders().getFirst(ServedBy.HEADER);
            ServedBy.record(request, List.of(servedBy != null ? servedBy : QueryHosts.address(owner)));
            return answer;
        } catch (RestClientException e) {
            log.warn("Forwarding {} to {} failed: {}", request.getRequestURI(), QueryHosts.address(owner), e.getMessage());
            throw unavailable("the instance that owns this key (" + QueryHosts.address(owner) + ") does not answer");
        }
    }

    private static void copy(HttpHeaders from, HttpHeaders to) {
        for (String name : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER, ServedBy.HEADER)) {
            String value = from.getFirst(name);
            if (value != null) {
                to.set(name, value);
            }
        }
    }

    private static URI target(HostInfo host, HttpServletRequest request) {
        String query = request.getQueryString();
        return URI.create("http://" + host.host() + ":" + host.port() + request.getRequestURI() + (query == null ? "" : "?" + query));
    }

    private <T> List<T> join(CompletableFuture<List<T>> part) {
        try {
            return part.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ApiException api) {
                throw api;
            }
            if (cause instanceof InvalidStateStoreException) {
                throw unavailable("a store is not queryable right now (rebalancing or restoring)");
            }
            log.warn("Gathering from another instance failed: {}", cause.toString());
            throw unavailable("an instance did not answer; the list would be incomplete");
        }
    }

    /** The running Kafka Streams (for IQv2 queries such as versioned stores), or 503 while it is not queryable. */
    public KafkaStreams streams() {
        KafkaStreams streams = runner.streams().orElseThrow(() -> unavailable("Kafka Streams has not started yet"));
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw unavailable("Kafka Streams is " + state);
        }
        return streams;
    }

    public ApiException unavailable(String detail) {
        return ApiException.unavailable(detail, retryAfterSeconds);
    }
}
