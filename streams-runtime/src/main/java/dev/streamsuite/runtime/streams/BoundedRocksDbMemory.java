package dev.streamsuite.runtime.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for all RocksDB instances of the JVM: a shared block cache, with the memtables charged to
 * it through a write buffer manager (Kafka Streams' "bounded memory" configuration).
 *
 * <p>Why: by default each RocksDB instance has its own 50 MB block cache and up to three 16 MB memtables, and a
 * service has one instance per store, partition and segment (dozens). Under exactly-once a running task does not
 * flush its stores at commits, so a memtable is flushed only when full and a service's native memory keeps
 * growing as they fill (a soak run: order-enricher 395 → 652 MB resident in 37 minutes, heap flat, still
 * rising). With the budget, the store being written flushes its memtable once all of them together reach half
 * of it, and index and filter blocks are cached within it too (those of the newest files pinned). A soft bound,
 * as RocksDB's: the cache is not strict, and idle stores keep their memtables.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The budget in bytes, a Kafka Streams configuration the runtime sets from {@code suite.rocksdb.memory}. */
    public static final String MEMORY_CONFIG = "suite.rocksdb.memory.bytes";
    /** Share of the budget that memtables may take before they are flushed. */
    static final double MEMTABLE_SHARE = 0.5;
    /** Up to this share of the cache keeps index and filter blocks, which every read needs, ahead of data blocks. */
    private static final double INDEX_FILTER_SHARE = 0.1;

    /** Per budget (one per JVM in a service; tests may run several Kafka Streams with different ones). */
    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = budget(configs);
        Shared shared = SHARED.computeIfAbsent(bytes, b -> {
            Cache cache = new LRUCache(b, -1, false, INDEX_FILTER_SHARE);
            return new Shared(cache, new WriteBufferManager((long) (b * MEMTABLE_SHARE), cache));
        });
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        // the newest files' blocks stay referenced by their table readers: without this every read looks each
        // file's index and filter blocks up in the shared cache first (fraud-detector about 10% slower, README
        // "Memory")
        table.setPinL0FilterAndIndexBlocksInCache(true);
        // Kafka Streams builds no Bloom filter for the last level, where its universal compaction puts nearly all
        // data (a first flush too): a lookup of an absent key then reads an index and a data block per file.
        // Absent keys are the common case here (an order's time in its customer's list, a first window of a user);
        // order-enricher ran about 11% faster with filters on every level (README "Memory"), within the budget.
        options.setOptimizeFiltersForHits(false);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setTableFormatConfig(table);
    }

    static long budget(Map<String, Object> configs) {
        Object value = configs.get(MEMORY_CONFIG);
        try {
            long bytes = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).trim());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(MEMORY_CONFIG, value, "a number of bytes above 0 (set suite.rocksdb.memory)");
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the JVM: never closed here
    }
}
