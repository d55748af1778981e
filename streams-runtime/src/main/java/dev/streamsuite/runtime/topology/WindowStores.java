package dev.streamsuite.runtime.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.RocksDbWindowBytesStoreSupplier;

/**
 * Persistent window stores whose segment interval is chosen by the service instead of derived from the
 * retention.
 *
 * <p>{@code Stores.persistentWindowStore} makes the segments half the retention long, and a store finds its
 * segment files on disk by that interval. So a retention changed between two runs on the same state directory
 * hid everything stored before (measured: an open window's 8 purchases were gone, and its final summary came out
 * with count 1; a de-duplication store would forget every id). With a fixed interval a restart with another
 * retention keeps the data: a shorter one drops the older segments, a longer one keeps them longer.
 *
 * <p>{@code Stores} has no public factory with a segment interval for window stores (versioned stores have one),
 * so this builds Kafka Streams' own supplier, with the same checks as {@code Stores}. Its stores keep the time
 * they judge expiry by across a clean restart ({@link ClockKeepingWindowStore}), and their changelogs keep records
 * by the time the broker appended them ({@link EventTimeTopics}).
 */
public final class WindowStores {

    /**
     * The upper bound of the suite's window store queries: later than any event time the suite accepts, early enough
     * for the stores' arithmetic (window start plus size, segment ids) not to overflow.
     */
    public static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59.999Z");
    public static final long END_OF_TIME_MS = END_OF_TIME.toEpochMilli();

    private WindowStores() {
    }

    /** The builder of a store from {@link #persistent}, its changelog created with {@link EventTimeTopics#APPEND_TIME_CONFIGS}. */
    public static <K, V> StoreBuilder<WindowStore<K, V>> builder(WindowBytesStoreSupplier supplier, Serde<K> keySerde,
                                                               Serde<V> valueSerde) {
        return Stores.windowStoreBuilder(supplier, keySerde, valueSerde).withLoggingEnabled(EventTimeTopics.APPEND_TIME_CONFIGS);
    }

    /** A RocksDB window store (no duplicates, not timestamped), as {@code Stores.persistentWindowStore} builds it. */
    public static WindowBytesStoreSupplier persistent(String name, Duration retention, Duration windowSize,
                                                      Duration segmentInterval) {
        Objects.requireNonNull(name, "name");
        long retentionMs = retention.toMillis();
        long windowMs = windowSize.toMillis();
        long segmentMs = segmentInterval.toMillis();
        if (retentionMs < 0 || windowMs < 0 || segmentMs < 1) {
            throw new IllegalArgumentException("store " + name + ": retention and window size must not be negative, "
                    + "the segment interval must be positive");
        }
        if (windowMs > retentionMs) {
            throw new IllegalArgumentException("store " + name + ": the retention (" + retention
                    + ") must not be shorter than the window (" + windowSize + ")");
        }
        return new RocksDbWindowBytesStoreSupplier(name, retentionMs, segmentMs, windowMs, false, false) {
            @Override
            public WindowStore<Bytes, byte[]> get() {
                return new ClockKeepingWindowStore(super.get());
            }
        };
    }

    /**
     * The interval Kafka Streams derives from {@code retention}: a service passes its default retention, so that
     * state written at the default before the interval was fixed is still found.
     */
    public static Duration kafkaStreamsSegmentInterval(Duration retention) {
        return Duration.ofMillis(Math.max(retention.toMillis() / 2, 60_000L));
    }
}
