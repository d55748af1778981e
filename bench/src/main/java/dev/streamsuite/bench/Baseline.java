package dev.streamsuite.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The baseline: a plain {@link KafkaConsumer} with default settings (but for {@code fetch.max.wait.ms}, see
 * below) reading the service's input
 * partitions as raw bytes, from the beginning to their end, again and again until a run lasts long enough
 * ({@code minSeconds}) or has read {@code maxRecords}. A warm-up run first, then the median of three runs.
 */
final class Baseline {

    /**
     * @param recordsPerSec       the median of the three runs
     * @param runs                each run's records/s
     * @param cpuSecondsPerMillion CPU of this JVM (the consumer, its deserialization, GC) per million records read
     */
    record Result(double recordsPerSec, double[] runs, double cpuSecondsPerMillion) {
    }

    private Baseline() {
    }

    static Result measure(String bootstrapServers, List<String> topics, double minSeconds, long maxRecords) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-baseline");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only between two passes over the same data does the broker ever have nothing to return: the fetch
        // sent at the end of a pass would otherwise hold the next pass up by the default 500 ms. While there is
        // data, a fetch returns at once whatever this is.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            run(consumer, partitions, begin, end, minSeconds, maxRecords); // warm-up: JIT, connections, page cache
            double cpuBefore = ProcStat.selfCpuSeconds();
            long records = 0;
            double[] rates = new double[3];
            for (int i = 0; i < rates.length; i++) {
                long[] run = run(consumer, partitions, begin, end, minSeconds, maxRecords);
                records += run[0];
                rates[i] = run[0] / (run[1] / 1e9);
            }
            double cpu = ProcStat.selfCpuSeconds() - cpuBefore;
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            return new Result(sorted[1], rates, records == 0 ? Double.NaN : cpu / records * 1e6);
        }
    }

    /** Reads the partitions to their end repeatedly; returns {records read, nanoseconds}. */
    private static long[] run(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                              Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end, double minSeconds,
                              long maxRecords) {
        long total = partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
        if (total == 0) {
            throw new IllegalStateException("nothing to read in " + partitions);
        }
        long start = System.nanoTime();
        long minNanos = (long) (minSeconds * 1e9);
        long records = 0;
        do {
            consumer.seekToBeginning(partitions);
            List<TopicPartition> open = new ArrayList<>(partitions);
            open.removeIf(tp -> begin.get(tp) >= end.get(tp));
            while (!open.isEmpty()) {
                records += consumer.poll(Duration.ofMillis(500)).count();
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            }
        } while (System.nanoTime() - start < minNanos && records < maxRecords);
        return new long[] {records, System.nanoTime() - start};
    }
}
