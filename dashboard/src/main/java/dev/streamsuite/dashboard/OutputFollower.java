package dev.streamsuite.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the four output topics with a {@code read_committed} consumer into the {@link LiveModel}. It
 * assigns itself every partition (no consumer group, nothing committed): each dashboard instance sees
 * everything, and on start it reads the last {@code dashboard.replay-per-partition} records of each
 * partition so the page shows recent results at once. Topics created later (or partitions added) are
 * picked up within {@link #REFRESH}.
 */
public final class OutputFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutputFollower.class);
    static final Duration REFRESH = Duration.ofSeconds(10);

    private final DashboardProperties properties;
    private final LiveModel model;
    private final JsonMapper json;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile long lastPollMs;

    public OutputFollower(DashboardProperties properties, LiveModel model, JsonMapper json) {
        this.properties = properties;
        this.model = model;
        this.json = json;
    }

    static Properties consumerConfig(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "dashboard-follower");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }

    @Override
    public void start() {
        running = true;
        consumer = new KafkaConsumer<>(consumerConfig(properties.bootstrapServers()), new StringDeserializer(),
                new StringDeserializer());
        thread = new Thread(this::run, "dashboard-follower");
        thread.setDaemon(true);
        thread.start();
        log.info("Following {} on {}", LiveModel.TOPICS, properties.bootstrapServers());
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextRefresh = 0;
        try {
            while (running) {
                try {
                    if (System.currentTimeMillis() >= nextRefresh) {
                        assign(assigned);
                        nextRefresh = System.currentTimeMillis() + REFRESH.toMillis();
                    }
                    if (assigned.isEmpty()) {
                        Thread.sleep(1000);
                        continue;
                    }
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    lastPollMs = System.currentTimeMillis();
                    for (ConsumerRecord<String, String> r : records) {
                        model.accept(r.topic(), r.key(), parse(r.value()));
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    log.warn("Following the output topics failed ({}); retrying", e.toString());
                    nextRefresh = 0;
                    Thread.sleep(2000);
                }
            }
        } catch (WakeupException | InterruptedException stopped) {
            // stop() woke the consumer up
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Adds partitions not assigned yet, each positioned {@code replay-per-partition} records before its end. */
    private void assign(Set<TopicPartition> assigned) {
        List<TopicPartition> added = new ArrayList<>();
        Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(10));
        for (String topic : LiveModel.TOPICS) {
            for (PartitionInfo p : all.getOrDefault(topic, List.of())) {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                if (!assigned.contains(tp)) {
                    added.add(tp);
                }
            }
        }
        if (added.isEmpty()) {
            return;
        }
        Set<TopicPartition> next = new HashSet<>(assigned);
        next.addAll(added);
        consumer.assign(next);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(added);
        Map<TopicPartition, Long> end = consumer.endOffsets(added);
        for (TopicPartition tp : added) {
            consumer.seek(tp, Math.max(begin.getOrDefault(tp, 0L), end.getOrDefault(tp, 0L) - properties.replayPerPartition()));
        }
        assigned.addAll(added);
        log.info("Following {} more partitions ({} in all)", added.size(), assigned.size());
    }

    private JsonNode parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** When the consumer last returned from a poll (0: never). */
    public long lastPollMs() {
        return lastPollMs;
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
