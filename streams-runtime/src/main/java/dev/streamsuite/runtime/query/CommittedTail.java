package dev.streamsuite.runtime.query;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many committed records of a changelog partition lie after a standby copy's position. Kafka Streams'
 * lag counts offsets, and a standby restores committed records only: a changelog that ends in an aborted
 * transaction (a fenced or killed owner's last one, with no commit after it) leaves the standby "N records
 * behind" for good although it has every committed record (measured by a black-box check: 29 and 38
 * "records behind" for a whole session timeout after the owner's SIGKILL, 503 for all its keys). Asked
 * only when the offset lag is above the limit; the answer is kept per (partition, position, end).
 */
public final class CommittedTail implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CommittedTail.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final int REMEMBERED = 256;

    private record Question(TopicPartition partition, long from, long end) {
    }

    private final Supplier<Map<String, Object>> consumerConfig;
    private final Map<Question, Long> answers = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Question, Long> eldest) {
            return size() > REMEMBERED;
        }
    };
    private KafkaConsumer<byte[], byte[]> consumer;

    /** @param consumerConfig the connection settings (bootstrap servers, security), asked for at the first question */
    public CommittedTail(Supplier<Map<String, Object>> consumerConfig) {
        this.consumerConfig = consumerConfig;
    }

    /**
     * The committed records at or after offset {@code from} of {@code partition} (whose end offset was
     * {@code end}), counted up to {@code cap} + 1; {@code cap} + 1 also when they cannot be read in time.
     */
    public synchronized long committedFrom(TopicPartition partition, long from, long end, long cap) {
        Question question = new Question(partition, from, end);
        Long known = answers.get(question);
        if (known != null) {
            return known;
        }
        long count = count(partition, from, cap);
        answers.put(question, count);
        return count;
    }

    private long count(TopicPartition partition, long from, long cap) {
        try {
            KafkaConsumer<byte[], byte[]> reader = consumer();
            reader.assign(List.of(partition));
            reader.seek(partition, from);
            // read_committed: the end is the last stable offset, after which nothing is committed yet
            long stable = reader.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            long count = 0;
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (reader.position(partition, READ_TIMEOUT) < stable && count <= cap) {
                if (System.nanoTime() > deadline) {
                    return cap + 1;
                }
                count += reader.poll(Duration.ofMillis(100)).count();
            }
            return Math.min(count, cap + 1);
        } catch (RuntimeException e) {
            log.warn("Cannot read the committed tail of {}: {}", partition, e.toString());
            return cap + 1;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            Map<String, Object> config = new LinkedHashMap<>(consumerConfig.get());
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            consumer = new KafkaConsumer<>(config);
        }
        return consumer;
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
    }
}
