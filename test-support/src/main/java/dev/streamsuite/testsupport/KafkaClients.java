package dev.streamsuite.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing test input and reading outputs (read_committed) on the test broker. */
public final class KafkaClients {

    private KafkaClients() {
    }

    public static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Sends records in order, keyed (null allowed), and waits until all are acknowledged. */
    public static void send(String bootstrap, String topic, List<Map.Entry<String, String>> records) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (Map.Entry<String, String> r : records) {
                producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
            }
            producer.flush();
        }
    }

    /**
     * Sends records in order, {@code chunk} at a time with a pause after each, so that a test can act (a SIGKILL)
     * while records are still arriving; returns once all are acknowledged.
     */
    public static void sendSlowly(String bootstrap, String topic, List<Map.Entry<String, String>> records, int chunk,
                                  Duration pause) {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (int i = 0; i < records.size(); i++) {
                producer.send(new ProducerRecord<>(topic, records.get(i).getKey(), records.get(i).getValue()));
                if (i % chunk == chunk - 1) {
                    producer.flush();
                    Thread.sleep(pause.toMillis());
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void createTopics(String bootstrap, int partitions, String... topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic, e);
                    }
                }
            }
        }
    }

    /** A record as read back: key and value as UTF-8 strings, headers as strings. */
    public record Read(String topic, int partition, long offset, String key, String value, long timestamp,
                       Map<String, String> headers) {
    }

    /**
     * Reads {@code topic} from the beginning with {@code read_committed} until {@code done} holds for what
     * was read and nothing new arrived for {@code quiet}, or {@code timeout} passes.
     */
    public static List<Read> readUntil(String bootstrap, String topic, Predicate<List<Read>> done, Duration quiet,
                                       Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Read> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    r.headers().forEach(h -> headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
                    out.add(new Read(r.topic(), r.partition(), r.offset(), r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                            r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8), r.timestamp(), headers));
                }
                if (!batch.isEmpty()) {
                    lastNew = System.nanoTime();
                } else if (done.test(out) && System.nanoTime() - lastNew > quiet.toNanos()) {
                    return out;
                }
            }
        }
        return out;
    }

    /** Reads until at least {@code count} records arrived and then {@code quiet} passed without more. */
    public static List<Read> readAtLeast(String bootstrap, String topic, int count, Duration timeout) {
        return readUntil(bootstrap, topic, r -> r.size() >= count, Duration.ofSeconds(2), timeout);
    }
}
