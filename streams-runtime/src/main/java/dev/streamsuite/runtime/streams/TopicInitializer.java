package dev.streamsuite.runtime.streams;

import dev.streamsuite.runtime.config.SuiteProperties;
import dev.streamsuite.runtime.topology.EventTimeTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the service's topics when missing, waiting a bounded time for the broker. */
public final class TopicInitializer {

    private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

    private static final String BROKER_ACTION = "Start Kafka (./run-local.sh starts one on localhost:9092) or point the "
            + "service at it with --spring.kafka.bootstrap-servers=host:port.";

    /**
     * Set when the JVM begins to shut down (SIGTERM): Spring's own shutdown hook waits for a start-up in progress
     * to end, so a wait for the broker must end on its own, or the process would outlive its stop by the broker timeout.
     */
    private static final AtomicBoolean STOPPING = new AtomicBoolean();
    /** How long the broker may take to answer before a WARN says start-up waits for it. */
    private static final Duration BROKER_WARN_AFTER = Duration.ofSeconds(10);

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> STOPPING.set(true), "suite-startup-stop"));
        } catch (IllegalStateException e) {
            // the JVM is shutting down already (a Ctrl-C early in the start): failing here would fail the class's
            // initialisation, reported as "topicInitializer threw exception with message: null"
            STOPPING.set(true);
        }
    }

    private final Map<String, Object> adminConfig;
    private final SuiteProperties.Topics settings;
    /** Topics created or found: order-enricher's configuration asks before Kafka Streams starts, the runner again. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    public TopicInitializer(Map<String, Object> adminConfig, SuiteProperties.Topics settings) {
        this.adminConfig = adminConfig;
        this.settings = settings;
    }

    /** The settings its admin clients are made with (connection and security). */
    Map<String, Object> adminConfig() {
        return adminConfig;
    }

    /** Creates the missing ones of {@code topics}; once done, a later call for the same topics asks the broker nothing. */
    public void ensure(List<ServiceTopology.TopicSpec> topics) {
        ensure(topics, Map.of());
    }

    /** As above, a missing topic named in {@code partitions} created with that count instead of the configured one. */
    public void ensure(List<ServiceTopology.TopicSpec> topics, Map<String, Integer> partitions) {
        if (topics.stream().allMatch(t -> ensured.contains(t.name()))) {
            return;
        }
        Admin admin = Admin.create(adminConfig);
        try {
            Set<String> existing = awaitBroker(admin);
            List<String> absent = topics.stream().map(ServiceTopology.TopicSpec::name).filter(t -> !existing.contains(t)).toList();
            if (!settings.create() && !absent.isEmpty()) {
                // Kafka Streams would only go to ERROR on a missing input, and a missing output fails its first write
                throw new TopicSetupException("topics " + absent + " do not exist, and suite.topics.create is false",
                        "Create them (the README lists the service's topics and their settings), or set "
                                + "suite.topics.create=true.");
            }
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), Optional.of(partitions.getOrDefault(t.name(), settings.partitions())),
                            Optional.of(settings.replicationFactor())).configs(configs(t)))
                    .toList();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(settings.brokerTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created topic {} ({} partitions, replication {})", result.getKey(),
                            partitions.getOrDefault(result.getKey(), settings.partitions()), settings.replicationFactor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new TopicSetupException("cannot create topic " + result.getKey() + ": " + e.getCause().getMessage(),
                                "Set suite.topics.partitions and suite.topics.replication-factor to what the broker accepts "
                                        + "(a replication factor of at most its number of brokers), or create the topics "
                                        + "yourself.");
                    }
                }
            }
            warnAboutConfigs(admin, topics.stream().filter(t -> existing.contains(t.name())).toList());
            topics.forEach(t -> ensured.add(t.name()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("interrupted while creating topics", BROKER_ACTION);
        } catch (TimeoutException e) {
            throw new TopicSetupException("creating topics timed out after " + settings.brokerTimeout(), BROKER_ACTION);
        } finally {
            // a plain close() waits for calls still in flight to an unreachable broker (default.api.timeout.ms)
            admin.close(Duration.ofSeconds(1));
        }
    }

    static Map<String, String> configs(ServiceTopology.TopicSpec topic) {
        if (topic.compacted()) {
            return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (topic.input()) {
            // a producer that stamps old event times on its records would otherwise have them deleted at the next
            // retention check, read or not
            return EventTimeTopics.APPEND_TIME_CONFIGS;
        }
        Map<String, String> configs = new HashMap<>(EventTimeTopics.CONFIGS);
        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(ServiceTopology.OUTPUT_MAX_MESSAGE_BYTES));
        return configs;
    }

    /** Creates the one-partition topic of the instances' query token when missing; its first record is kept for good. */
    public void ensureTokenTopic(String name) {
        if (ensured.contains(name)) {
            return;
        }
        Admin admin = Admin.create(adminConfig);
        try {
            if (!awaitBroker(admin).contains(name)) {
                if (!settings.create()) {
                    throw new TopicSetupException("topic " + name + " does not exist, and suite.topics.create is false",
                            "Create it (1 partition, retention.ms=-1: the instances' query token), or set "
                                    + "suite.topics.create=true.");
                }
                try {
                    admin.createTopics(List.of(new NewTopic(name, Optional.of(1), Optional.of(settings.replicationFactor()))
                                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"))))
                            .all().get(settings.brokerTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created topic {} (the instances' query token)", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new TopicSetupException("cannot create topic " + name + ": " + e.getCause().getMessage(),
                                "Check that the service may create topics, or create " + name + " yourself (1 partition, "
                                        + "retention.ms=-1).");
                    }
                }
            }
            ensured.add(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("interrupted while creating topic " + name, BROKER_ACTION);
        } catch (TimeoutException e) {
            throw new TopicSetupException("creating topic " + name + " timed out after " + settings.brokerTimeout(), BROKER_ACTION);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /** The partition counts of those of {@code topics} that exist. */
    public Map<String, Integer> partitions(List<String> topics) {
        Admin admin = Admin.create(adminConfig);
        try {
            Set<String> existing = awaitBroker(admin);
            List<String> present = topics.stream().filter(existing::contains).toList();
            Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames()
                    .get(settings.brokerTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Integer> counts = new TreeMap<>();
            descriptions.forEach((name, description) -> counts.put(name, description.partitions().size()));
            return counts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("interrupted while describing topics " + topics, BROKER_ACTION);
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicSetupException("cannot describe topics " + topics + ": " + e.getMessage(), BROKER_ACTION);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    /**
     * Fails start-up unless the topics of {@code counts} (name to partitions) have one count: a sub-topology that reads
     * them into one store has as many tasks as the largest, and a key is looked for on its partition in that one.
     */
    public static void requireSamePartitions(Map<String, Integer> counts, String why) {
        if (new HashSet<>(counts.values()).size() > 1) {
            throw new TopicSetupException("topics " + counts + " must have the same number of partitions: " + why,
                    "Give them the same partition count (add partitions to the smaller ones with ./kafka-cli.sh topics "
                            + "--alter --partitions N, or delete and recreate them) and start again.");
        }
    }

    /**
     * One line per existing topic whose settings the service would not have chosen; it runs anyway (a platform team
     * may have reasons), but a compacted input that deletes, or an output that refuses large records, shows later.
     */
    private void warnAboutConfigs(Admin admin, List<ServiceTopology.TopicSpec> existing) throws InterruptedException {
        if (existing.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = existing.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
        Map<ConfigResource, Config> configs;
        try {
            configs = admin.describeConfigs(resources).all().get(settings.brokerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // a check, not a requirement (the principal may not be allowed to describe configs)
            log.warn("Cannot check the settings of the existing topics: {}", e.getMessage());
            return;
        }
        for (ServiceTopology.TopicSpec topic : existing) {
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            if (config == null) {
                continue;
            }
            String cleanup = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
            if (topic.compacted() && (cleanup == null || !cleanup.contains(TopicConfig.CLEANUP_POLICY_COMPACT))) {
                log.warn("Topic {} exists with cleanup.policy={}, not compact: the broker deletes its old records by "
                        + "retention, and with them the last version of customers that did not change", topic.name(), cleanup);
            }
            String maxBytes = value(config, TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (!topic.input() && maxBytes != null && Long.parseLong(maxBytes) < ServiceTopology.OUTPUT_MAX_MESSAGE_BYTES) {
                log.warn("Topic {} exists with max.message.bytes={}: a record the service writes there beyond that size "
                        + "fails every write of its task (the service would create it with {})", topic.name(), maxBytes,
                        ServiceTopology.OUTPUT_MAX_MESSAGE_BYTES);
            }
            String segmentMs = value(config, TopicConfig.SEGMENT_MS_CONFIG);
            if (!topic.input() && !topic.compacted() && EventTimeTopics.rollsByTime(segmentMs)) {
                log.warn("Topic {} exists with segment.ms={}: records stamped with an event time further back than that "
                        + "can be rolled into a segment of their own, which retention deletes at once (the service would "
                        + "create it with segment.ms={} and segment.bytes={})", topic.name(), segmentMs,
                        EventTimeTopics.CONFIGS.get(TopicConfig.SEGMENT_MS_CONFIG),
                        EventTimeTopics.CONFIGS.get(TopicConfig.SEGMENT_BYTES_CONFIG));
            }
        }
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config.get(name);
        return entry == null ? null : entry.value();
    }

    private Set<String> awaitBroker(Admin admin) throws InterruptedException {
        long deadline = System.nanoTime() + settings.brokerTimeout().toNanos();
        // the first answer can take seconds on a loaded machine (JVM still warming up, broker busy): only a wait
        // longer than that (or than half a shorter broker timeout) is worth a WARN
        long warnAfter = System.nanoTime() + Math.min(BROKER_WARN_AFTER.toNanos(), settings.brokerTimeout().toNanos() / 2);
        boolean warned = false;
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (STOPPING.get()) {
                // the failure report of the exception may not make it out of a JVM that is shutting down
                log.info("Asked to stop while waiting for the Kafka broker at {}; start-up ends", adminConfig.get("bootstrap.servers"));
                throw new TopicSetupException("stopped while waiting for the Kafka broker at " + adminConfig.get("bootstrap.servers"),
                        BROKER_ACTION);
            }
            try {
                return admin.listTopics().names().get(Math.min(2_000, settings.brokerTimeout().toMillis()), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                if (!warned && System.nanoTime() >= warnAfter) {
                    warned = true;
                    log.warn("Kafka broker at {} not reachable yet; waiting up to {} (suite.topics.broker-timeout) before "
                            + "start-up fails", adminConfig.get("bootstrap.servers"), settings.brokerTimeout());
                }
                last = e;
                Thread.sleep(500);
            }
        }
        throw new TopicSetupException("Kafka broker at " + adminConfig.get("bootstrap.servers") + " unreachable for "
                + settings.brokerTimeout() + (last == null ? "" : " (" + last.getClass().getSimpleName() + ")")
                + "; set spring.kafka.bootstrap-servers or suite.topics.broker-timeout", BROKER_ACTION);
    }

    /** Start-up cannot go on; the message says why and the action what to do (no stack trace needed). */
    public static final class TopicSetupException extends RuntimeException {

        private final String action;

        public TopicSetupException(String message, String action) {
            super(message, null, false, false);
            this.action = action;
        }

        public String action() {
            return action;
        }
    }

}
