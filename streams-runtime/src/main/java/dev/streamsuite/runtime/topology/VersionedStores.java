package dev.streamsuite.runtime.topology;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedBytesStoreSupplier;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.internals.LogicalKeyValueSegments;
import org.apache.kafka.streams.state.internals.RocksDBStore;
import org.apache.kafka.streams.state.internals.VersionedKeyValueToBytesStoreAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' persistent versioned store, reopened whole. Its older versions live in logical segments of one
 * RocksDB, and it looks for them only among the segments it created since it was opened: reopening the database
 * (a clean restart, which restores nothing) creates none, so until a write lands in a segment again the versions
 * in it cannot be found (measured: orders after a SIGTERM restart were UNKNOWN_CUSTOMER instead of enriched with
 * the version of their time; a SIGKILL hid it, as exactly-once then restores the store from its changelog, which
 * writes). Kafka Streams 4.2.2 and 4.4.0 have the same {@code LogicalKeyValueSegments.openExisting}. After opening,
 * this creates the segment objects for every segment id found in the database, one seek per segment.
 *
 * <p>The store's clock, by which it judges its history bound, is kept across a clean restart too ({@link StoreClock}).
 *
 * <p>Reaching them takes Kafka Streams' internals (three private fields, one package-private method); if they change, the store works as Kafka
 * Streams' own does and one WARN line says so.
 */
public final class VersionedStores {

    private static final Logger log = LoggerFactory.getLogger(VersionedStores.class);

    private VersionedStores() {
    }

    /**
     * The builder of a store from {@link #persistent}, its changelog created with {@link EventTimeTopics#CONFIGS}: the
     * changelog is compacted once its records are older than the history retention, and a segment of versions alone,
     * rolled by time because they are old, would be compacted at once, keeping only each customer's last version.
     */
    public static <K, V> StoreBuilder<VersionedKeyValueStore<K, V>> builder(VersionedBytesStoreSupplier supplier,
                                                                         Serde<K> keySerde, Serde<V> valueSerde) {
        return Stores.versionedKeyValueStoreBuilder(supplier, keySerde, valueSerde).withLoggingEnabled(EventTimeTopics.CONFIGS);
    }

    public static VersionedBytesStoreSupplier persistent(String name, Duration historyRetention, Duration segmentInterval) {
        VersionedBytesStoreSupplier kafka = Stores.persistentVersionedKeyValueStore(name, historyRetention, segmentInterval);
        return new VersionedBytesStoreSupplier() {
            @Override
            public long historyRetentionMs() {
                return kafka.historyRetentionMs();
            }

            @Override
            public String name() {
                return kafka.name();
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new Reopened(inner((VersionedKeyValueToBytesStoreAdapter) kafka.get()));
            }

            @Override
            public String metricsScope() {
                return kafka.metricsScope();
            }
        };
    }

    private static final class Reopened extends VersionedKeyValueToBytesStoreAdapter {

        private final VersionedKeyValueStore<Bytes, byte[]> rocks;
        private StoreClock clock;

        Reopened(VersionedKeyValueStore<Bytes, byte[]> rocks) {
            super(rocks);
            this.rocks = rocks;
        }

        @Override
        public void close() {
            super.close();
            if (clock != null) {
                clock.keep(rocks);
            }
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            super.init(context, root);
            // the history bound (lookups before it find nothing) is judged by the newest time written, which
            // the store would otherwise start each run without (measured: discarded versions found after a SIGTERM)
            clock = new StoreClock(context.stateDir(), name());
            clock.restore(rocks);
            try {
                LogicalKeyValueSegments segments = (LogicalKeyValueSegments) KafkaInternals.get(rocks, "segmentStores");
                RocksDBStore physical = (RocksDBStore) KafkaInternals.get(segments, "physicalStore");
                // the shared database's own range() refuses callers that do not pass the set of open iterators
                Method range = RocksDBStore.class.getDeclaredMethod("range", Bytes.class, Bytes.class, Set.class);
                range.setAccessible(true);
                int found = 0;
                long next = 0;
                while (true) {
                    long id;
                    Bytes from = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(next).array());
                    try (KeyValueIterator<Bytes, byte[]> keys = keysFrom(range, physical, from)) {
                        if (!keys.hasNext()) {
                            break;
                        }
                        id = ByteBuffer.wrap(keys.next().key.get(), 0, Long.BYTES).getLong();
                    }
                    if (id < 0) {
                        break; // the latest-value store, segment -1, sorts last
                    }
                    segments.getOrCreateSegment(id, context);
                    found++;
                    next = id + 1;
                }
                log.debug("Reopened {} segments of {}", found, name());
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.warn("Cannot reopen the segments of {} ({}): older versions are found again only once they are "
                        + "written or restored", name(), e.toString());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static KeyValueIterator<Bytes, byte[]> keysFrom(Method range, RocksDBStore physical, Bytes from)
            throws ReflectiveOperationException {
        return (KeyValueIterator<Bytes, byte[]>) range.invoke(physical, from, null, new HashSet<KeyValueIterator<Bytes, byte[]>>());
    }

    @SuppressWarnings("unchecked")
    private static VersionedKeyValueStore<Bytes, byte[]> inner(VersionedKeyValueToBytesStoreAdapter adapter) {
        try {
            return (VersionedKeyValueStore<Bytes, byte[]>) KafkaInternals.get(adapter, "inner");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Kafka Streams' versioned store adapter has changed", e);
        }
    }
}
