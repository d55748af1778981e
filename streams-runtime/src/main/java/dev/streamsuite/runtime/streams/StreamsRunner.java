package dev.streamsuite.runtime.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the service's one {@link KafkaStreams}: creates topics, starts it with the Spring context and
 * closes it gracefully on shutdown (SIGTERM), committing its work. Local state is kept across restarts
 * (no {@code cleanUp()}), so a restart restores only what changed.
 */
public final class StreamsRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(30);
    private static final long PAUSE_TICK_MS = 250;
    private static final Duration STALE_MEMBER_TIMEOUT = Duration.ofSeconds(5);
    static final String THREAD_REPLACEMENTS = "suite.stream.thread.replacements";

    private final ServiceTopology service;
    private final Properties config;
    private final TopicInitializer topics;
    private final StreamsState state;
    private final MeterRegistry registry;
    private volatile KafkaStreams streams;
    private volatile String peerToken;
    private final PeerHints hints;
    private final List<HostInfo> hintedPeers;
    private final ThreadFailures failures;
    private volatile PauseWatch pauseWatch;
    private ScheduledExecutorService pauseTicker;
    private KafkaStreamsMetrics metrics;

    public StreamsRunner(ServiceTopology service, Properties config, TopicInitializer topics, StreamsState state,
                         MeterRegistry registry) {
        this.service = service;
        this.config = config;
        this.topics = topics;
        this.state = state;
        this.registry = registry;
        // read before anything starts, so that queries arriving while the topics and Kafka Streams are being set up
        // can be passed on too
        Object stateDir = config.getOrDefault(StreamsConfig.STATE_DIR_CONFIG,
                StreamsConfig.configDef().defaultValues().get(StreamsConfig.STATE_DIR_CONFIG));
        this.hints = new PeerHints(Path.of(String.valueOf(stateDir), applicationId(), "query-peers"));
        this.hintedPeers = hints.load();
        Counter replaced = Counter.builder(THREAD_REPLACEMENTS)
                .description("Stream threads replaced after an error of Kafka's clients (ThreadFailures)").register(registry);
        this.failures = new ThreadFailures(System::nanoTime, replaced::increment, state::state, streamThreads(config));
    }

    @Override
    public void start() {
        PauseWatch watch = PauseWatch.forConfig(config);
        pauseTicker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pause-watch");
            thread.setDaemon(true);
            return thread;
        });
        pauseTicker.scheduleAtFixedRate(watch::tick, PAUSE_TICK_MS, PAUSE_TICK_MS, TimeUnit.MILLISECONDS);
        pauseWatch = watch;
        topics.ensure(service.topics());
        String tokenTopic = PeerToken.topic(applicationId());
        topics.ensureTokenTopic(tokenTopic);
        peerToken = PeerToken.obtain(config, tokenTopic, TOKEN_TIMEOUT);
        // a client supplier of the user's own is kept (a replaced thread's member then stays until its session times out)
        KafkaStreams created = config.containsKey(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG)
                ? new KafkaStreams(service.topology(), config)
                : new KafkaStreams(service.topology(), config, new LeavingClientSupplier());
        created.setStateListener((newState, oldState) -> {
            state.onChange(newState, oldState);
            watch.onStateChange(newState);
            if (newState == KafkaStreams.State.RUNNING) {
                // once per completed rebalance, on the stream thread that completed it, which nothing here may fail
                try {
                    hints.save(created.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo).toList());
                } catch (RuntimeException e) {
                    log.warn("Could not save the other instances' addresses: {}", e.toString());
                }
            }
        });
        created.setGlobalStateRestoreListener(state);
        created.setUncaughtExceptionHandler(failures::decide);
        if (StaleMembers.apply(config)) {
            StaleMembers.removeIfAllOwn(topics.adminConfig(), applicationId(), created.metadataForLocalThreads().stream()
                    .map(ThreadMetadata::consumerClientId).collect(Collectors.toSet()), STALE_MEMBER_TIMEOUT);
        }
        metrics = new KafkaStreamsMetrics(created);
        metrics.bindTo(registry);
        log.info("Starting Kafka Streams application {} as {}", config.get("application.id"), config.get("application.server"));
        streams = created;
        created.start();
    }

    @Override
    public void stop() {
        KafkaStreams running = streams;
        if (running != null) {
            // A dynamic member leaves the group, so the others (or this instance restarted) take over at
            // once instead of after session.timeout.ms; a static member (group.instance.id) stays, so a
            // pod restarted within the session timeout gets its own tasks back without a rebalance.
            boolean staticMember = staticMember(config);
            log.info("Closing Kafka Streams ({} the group)", staticMember ? "staying in" : "leaving");
            running.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(staticMember
                    ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            metrics.close();
        }
        if (pauseTicker != null) {
            pauseTicker.shutdownNow();
        }
    }

    /** {@code num.stream.threads}; 1 when it is no number (Kafka Streams then refuses the configuration itself). */
    static int streamThreads(Properties config) {
        try {
            return Integer.parseInt(String.valueOf(config.getOrDefault(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1)).trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** Whether {@code client.id} is set (Kafka Streams then names its clients after it instead of its process id). */
    static boolean hasClientId(Properties config) {
        Object clientId = config.get(StreamsConfig.CLIENT_ID_CONFIG);
        return clientId != null && !clientId.toString().isBlank();
    }

    /** Whether the main consumer has a {@code group.instance.id}. */
    static boolean staticMember(Properties config) {
        return mainConsumerSetting(config, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG) != null;
    }

    /** A setting of the main consumer as Kafka Streams reads it: {@code main.consumer.}, then {@code consumer.}, then plain. */
    static Object mainConsumerSetting(Properties config, String name) {
        for (String key : new String[] {StreamsConfig.mainConsumerPrefix(name), StreamsConfig.consumerPrefix(name), name}) {
            Object value = config.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public boolean isRunning() {
        return streams != null && state.state() != KafkaStreams.State.NOT_RUNNING;
    }

    /** The running instance, empty before start. */
    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    /** Why this instance should not answer queries from its copies right now (see {@link PauseWatch}), if so. */
    public Optional<String> pauseDoubt() {
        PauseWatch watch = pauseWatch;
        return watch == null ? Optional.empty() : watch.doubt();
    }

    /**
     * The instances of this instance's last assignment before it restarted (see {@link PeerHints}), for queries that
     * arrive before its first assignment; empty after a first start.
     */
    public List<HostInfo> hintedPeers() {
        return hintedPeers;
    }

    /** What the instances of this application put on calls they forward to each other; null before start. */
    public String peerToken() {
        return peerToken;
    }

    /** The settings of Kafka Streams' restore consumer (connection and security), for a reader of changelogs. */
    public Map<String, Object> restoreConsumerConfig() {
        return new StreamsConfig(config).getRestoreConsumerConfigs(applicationId() + "-query-tail");
    }

    public String applicationId() {
        return String.valueOf(config.get(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG));
    }

    public ServiceTopology service() {
        return service;
    }
}
