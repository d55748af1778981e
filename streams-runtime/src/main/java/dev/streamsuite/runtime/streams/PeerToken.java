package dev.streamsuite.runtime.streams;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The secret the instances of one application put on the calls they forward to each other, so that a
 * client cannot make an instance answer as if another instance asked (one partition's store, a list's
 * part). It is the first record of {@code <application-id>-query-token}: the first instance to find the
 * topic empty writes a random one, and every instance, that one included, takes whatever record came
 * first, so instances starting together agree. Anyone who may read that topic may read the data anyway.
 */
final class PeerToken {

    /** Settings of the client's own that must not come from the Kafka Streams configuration. */
    private static final Set<String> NOT_COPIED = Set.of("client.id", "group.id", "group.instance.id", "transactional.id",
            "isolation.level", "enable.auto.commit", "key.serializer", "value.serializer", "key.deserializer",
            "value.deserializer", "auto.offset.reset", "enable.idempotence", "acks", "interceptor.classes", "metric.reporters");

    private PeerToken() {
    }

    static String topic(String applicationId) {
        return applicationId + "-query-token";
    }

    static String obtain(Properties streamsConfig, String topic, Duration timeout) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(clientConfig(streamsConfig,
                ConsumerConfig.configNames(), Map.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)))) {
            consumer.assign(List.of(partition));
            if (consumer.endOffsets(List.of(partition), timeout).get(partition) == 0) {
                write(streamsConfig, topic, timeout);
            }
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    return record.value();
                }
            }
        }
        throw new TopicInitializer.TopicSetupException("no query token could be read from " + topic + " within " + timeout,
                "Check that the service may read and write the topic " + topic + " (it is created with the others).");
    }

    private static void write(Properties streamsConfig, String topic, Duration timeout) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(clientConfig(streamsConfig,
                ProducerConfig.configNames(), Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.ACKS_CONFIG, "all")))) {
            producer.send(new ProducerRecord<>(topic, 0, "token", HexFormat.of().formatHex(secret)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TopicInitializer.TopicSetupException("cannot write the query token to " + topic + ": " + e.getMessage(),
                    "Check that the service may read and write the topic " + topic + " (it is created with the others).");
        }
    }

    /** The connection and security settings of the Kafka Streams configuration that {@code names} knows, plus {@code own}. */
    private static Map<String, Object> clientConfig(Properties streamsConfig, Set<String> names, Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>();
        streamsConfig.forEach((key, value) -> {
            if (names.contains(key) && !NOT_COPIED.contains(key)) {
                config.put((String) key, value);
            }
        });
        config.putAll(own);
        return config;
    }
}
