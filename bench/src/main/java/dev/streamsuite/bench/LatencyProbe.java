package dev.streamsuite.bench;

import dev.streamsuite.loadgen.LoadGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end latency at a fixed input rate: inputs are sent at {@code rate} per second for {@code seconds},
 * each with the wall-clock time of sending (less the service's {@link Service#latencyLagMs()}) as its event
 * time; a {@code read_committed} consumer reads the outputs as they become visible. An output's latency is the
 * wall-clock time it was read minus the time its input was sent (its record timestamp plus the lag). Inputs
 * of the first {@code warmupSeconds} are not counted.
 */
final class LatencyProbe {

    /**
     * @param sent      counted inputs sent (after the warm-up)
     * @param received  their outputs read within the drain time
     * @param histogram latencies in milliseconds; an output still missing after the drain time counts with
     *                  the time its input had waited by then (a lower bound), so that a service that cannot
     *                  keep up shows as such rather than by the few outputs it managed
     */
    record Result(double rate, long sent, long received, Histogram histogram) {

        double p50Ms() {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(50);
        }

        double p99Ms() {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(99);
        }

        double maxMs() {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue();
        }
    }

    private LatencyProbe() {
    }

    /**
     * Sends a first few latency inputs (and the service's ticks) and flushes, so that whatever the first
     * records of the wall-clock era set off (windows closing after the backlog's stream time, waiting orders
     * released) is done before the measured run, once the caller has waited for the service to catch up.
     */
    static void prime(String bootstrapServers, Service service, String runId, int customers, int count) {
        try (Producer<String, byte[]> producer = new KafkaProducer<>(LoadGenerator.producerConfig(bootstrapServers))) {
            int partitions = producer.partitionsFor(service.inputTopics().get(0)).size();
            long now = System.currentTimeMillis();
            service.latencyTicks(now, partitions).forEach(producer::send);
            for (int i = 0; i < count; i++) {
                producer.send(service.latencyInput(runId + "w", i, now - service.latencyLagMs(), customers));
            }
            producer.flush();
        }
    }

    static Result run(String bootstrapServers, Service service, String runId, int customers, double rate, double seconds,
                      double warmupSeconds, Duration drain) {
        Histogram histogram = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
        AtomicLong received = new AtomicLong();
        // inputs sent and outputs read, by the millisecond their input was sent
        Map<Long, long[]> byMs = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        long measureFromMs;
        long sent = 0;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-latency-reader");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             Producer<String, byte[]> producer = new KafkaProducer<>(LoadGenerator.producerConfig(bootstrapServers))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : service.latencyOutputs()) {
                for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before anything is sent

            long startMs = System.currentTimeMillis();
            measureFromMs = startMs + (long) (warmupSeconds * 1000);
            long fromMs = measureFromMs;
            long lag = service.latencyLagMs();
            int inputPartitions = consumer.partitionsFor(service.inputTopics().get(0), Duration.ofSeconds(30)).size();
            Object done = new Object();
            Thread reader = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                        long now = System.currentTimeMillis();
                        for (ConsumerRecord<byte[], byte[]> r : records) {
                            long sentAt = r.timestamp() + lag;
                            if (sentAt >= fromMs && service.isLatencyOutput(r)) {
                                histogram.recordValue(Math.max(0, now - sentAt));
                                received.incrementAndGet();
                                byMs.computeIfAbsent(sentAt, k -> new long[2])[1]++;
                            }
                        }
                        synchronized (done) {
                            done.notifyAll();
                        }
                    }
                } catch (org.apache.kafka.common.errors.InterruptException | org.apache.kafka.common.errors.WakeupException e) {
                    // stopped
                } catch (Throwable e) {
                    readerFailure.set(e);
                }
            }, "bench-latency-reader");
            reader.setDaemon(true);
            reader.start();

            AtomicReference<Exception> sendFailure = new AtomicReference<>();
            long startNanos = System.nanoTime();
            long durationNanos = (long) (seconds * 1e9);
            long i = 0;
            long nextTick = 0;
            while (System.nanoTime() - startNanos < durationNanos && sendFailure.get() == null) {
                if (System.nanoTime() - startNanos >= nextTick) {
                    for (var tick : service.latencyTicks(System.currentTimeMillis(), inputPartitions)) {
                        producer.send(tick);
                    }
                    nextTick += 100_000_000L;
                }
                long due = (long) ((System.nanoTime() - startNanos) / 1e9 * rate) + 1;
                for (; i < due; i++) {
                    long ts = System.currentTimeMillis();
                    if (ts >= measureFromMs) {
                        sent++;
                        byMs.computeIfAbsent(ts, k -> new long[2])[0]++;
                    }
                    producer.send(service.latencyInput(runId, i, ts - lag, customers), (m, e) -> {
                        if (e != null) {
                            sendFailure.compareAndSet(null, e);
                        }
                    });
                }
                LockSupport.parkNanos(500_000);
            }
            producer.flush();
            if (sendFailure.get() != null) {
                throw new IllegalStateException("sending latency inputs failed: " + sendFailure.get(), sendFailure.get());
            }
            long drainDeadline = System.nanoTime() + drain.toNanos();
            synchronized (done) {
                while (received.get() < sent && System.nanoTime() < drainDeadline && readerFailure.get() == null) {
                    try {
                        done.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            reader.interrupt();
            consumer.wakeup();
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (readerFailure.get() != null) {
                throw new IllegalStateException("reading outputs failed: " + readerFailure.get(), readerFailure.get());
            }
            long end = System.currentTimeMillis();
            byMs.forEach((ms, counts) -> {
                if (counts[0] > counts[1]) {
                    histogram.recordValueWithCount(Math.max(0, end - ms), counts[0] - counts[1]);
                }
            });
        }
        return new Result(rate, sent, received.get(), histogram);
    }
}
