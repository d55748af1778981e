package dev.streamsuite.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Progress of state restoration (a store rebuilt from its changelog after a restart or a task move), told
 * by Kafka Streams' restore listener: {@code suite.restore.remaining.records{store}},
 * {@code suite.restore.records{store}}, {@code suite.restore.partitions.active} and
 * {@code suite.restore.duration{store}}. Called from the restoring thread(s); thread-safe.
 */
final class RestoreMetrics implements StateRestoreListener {

    static final String REMAINING = "suite.restore.remaining.records";
    static final String RESTORED = "suite.restore.records";
    static final String ACTIVE = "suite.restore.partitions.active";
    static final String DURATION = "suite.restore.duration";

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Progress> restoring = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> stores = new ConcurrentHashMap<>();

    RestoreMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(ACTIVE, restoring, Map::size)
                .description("Changelog partitions whose store is being restored right now").register(registry);
    }

    /** Registers a store's meters at 0, so they exist before its first restoration. */
    void register(Collection<String> storeNames) {
        storeNames.forEach(this::store);
    }

    private void store(String store) {
        stores.computeIfAbsent(store, s -> {
            Gauge.builder(REMAINING, this, m -> m.remaining(s))
                    .description("Changelog records still to restore into a store (all its partitions restoring now)")
                    .baseUnit("records").tag("store", s).register(registry);
            restored(s);
            return Boolean.TRUE;
        });
    }

    private Counter restored(String store) {
        return Counter.builder(RESTORED).description("Changelog records restored into a store")
                .baseUnit("records").tag("store", store).register(registry);
    }

    private double remaining(String store) {
        long sum = 0;
        for (Map.Entry<Key, Progress> e : restoring.entrySet()) {
            if (e.getKey().store.equals(store)) {
                sum += e.getValue().remaining();
            }
        }
        return sum;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        store(store);
        restoring.put(new Key(partition, store), new Progress(startingOffset, endingOffset, System.nanoTime()));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        Progress progress = restoring.get(new Key(partition, store));
        if (progress != null) {
            progress.position = batchEndOffset + 1;
        }
        restored(store).increment(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Progress progress = restoring.remove(new Key(partition, store));
        if (progress != null) {
            Timer.builder(DURATION).description("Time to restore one changelog partition of a store")
                    .tag("store", store).register(registry).record(System.nanoTime() - progress.startNanos,
                            java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(new Key(partition, store));
    }

    private record Key(TopicPartition partition, String store) {
    }

    private static final class Progress {
        private final long end;
        private final long startNanos;
        private volatile long position;

        Progress(long start, long end, long startNanos) {
            this.position = start;
            this.end = end;
            this.startNanos = startNanos;
        }

        long remaining() {
            return Math.max(0, end - position);
        }
    }
}
