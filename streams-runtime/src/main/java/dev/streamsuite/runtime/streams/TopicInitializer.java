package dev.streamsuite.runtime.streams;

import dev.streamsuite.runtime.config.SuiteProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the service's topics when missing, waiting a bounded time for the broker. */
public final class TopicInitializer {

    private static final Logger log = LoggerFactory.getLogger(TopicInitializer.class);

    private final Map<String, Object> adminConfig;
    private final SuiteProperties.Topics settings;
    /** Topics created or found: order-enricher's configuration asks before Kafka Streams starts, the runner again. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    public TopicInitializer(Map<String, Object> adminConfig, SuiteProperties.Topics settings) {
        this.adminConfig = adminConfig;
        this.settings = settings;
    }

    /** Creates the missing ones of {@code topics}; once done, a later call for the same topics asks the broker nothing. */
    public void ensure(List<ServiceTopology.TopicSpec> topics) {
        if (!settings.create() || topics.stream().allMatch(t -> ensured.contains(t.name()))) {
            return;
        }
        Admin admin = Admin.create(adminConfig);
        try {
            Set<String> existing = awaitBroker(admin);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), Optional.of(settings.partitions()), Optional.of(settings.replicationFactor()))
                            .configs(configs(t)))
                    .toList();
            for (var result : admin.createTopics(missing).values().entrySet()) {
                try {
                    result.getValue().get(settings.brokerTimeout().toMillis(), TimeUnit.MILLISECONDS);
                    log.info("Created topic {} ({} partitions, replication {})", result.getKey(), settings.partitions(),
                            settings.replicationFactor());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new TopicSetupException("cannot create topic " + result.getKey() + ": " + e.getCause().getMessage());
                    }
                }
            }
            topics.forEach(t -> ensured.add(t.name()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("interrupted while creating topics");
        } catch (TimeoutException e) {
            throw new TopicSetupException("creating topics timed out after " + settings.brokerTimeout());
        } finally {
            // a plain close() waits for calls still in flight to an unreachable broker (default.api.timeout.ms)
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static Map<String, String> configs(ServiceTopology.TopicSpec topic) {
        if (topic.input()) {
            return topic.compacted() ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT) : Map.of();
        }
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(ServiceTopology.OUTPUT_MAX_MESSAGE_BYTES));
    }

    /** The partition count of an existing topic; empty when it does not exist. */
    public OptionalInt partitions(String topic) {
        Admin admin = Admin.create(adminConfig);
        try {
            if (!awaitBroker(admin).contains(topic)) {
                return OptionalInt.empty();
            }
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(settings.brokerTimeout().toMillis(), TimeUnit.MILLISECONDS).get(topic);
            return OptionalInt.of(description.partitions().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicSetupException("interrupted while describing topic " + topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicSetupException("cannot describe topic " + topic + ": " + e.getMessage());
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private Set<String> awaitBroker(Admin admin) throws InterruptedException {
        long deadline = System.nanoTime() + settings.brokerTimeout().toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                return admin.listTopics().names().get(Math.min(5_000, settings.brokerTimeout().toMillis()), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                if (last == null) {
                    log.warn("Kafka broker at {} not reachable yet; waiting up to {} (suite.topics.broker-timeout) before "
                            + "start-up fails", adminConfig.get("bootstrap.servers"), settings.brokerTimeout());
                }
                last = e;
                Thread.sleep(500);
            }
        }
        throw new TopicSetupException("Kafka broker at " + adminConfig.get("bootstrap.servers") + " unreachable for "
                + settings.brokerTimeout() + (last == null ? "" : " (" + last.getClass().getSimpleName() + ")")
                + "; set spring.kafka.bootstrap-servers or suite.topics.broker-timeout");
    }

    /** Start-up cannot go on; the message says why (no stack trace needed). */
    public static final class TopicSetupException extends RuntimeException {
        public TopicSetupException(String message) {
            super(message, null, false, false);
        }
    }

}
