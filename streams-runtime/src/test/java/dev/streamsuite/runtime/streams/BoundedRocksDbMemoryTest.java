package dev.streamsuite.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;

/** The budget as RocksDB itself reports it (Kafka Streams' property-based RocksDB metrics). */
class BoundedRocksDbMemoryTest {

    private static final long MB = 1024 * 1024;
    /** Values written: less than one default memtable (16 MB), so by default nothing is flushed. */
    private static final int RECORDS = 3_000;
    private static final String VALUE = "x".repeat(4096);

    @TempDir
    Path stateDir;
    private KeyValueStore<String, String> tickStore;

    @Test
    void memtablesAreFlushedWithinTheBudgetAndTheCacheHasItsSize() {
        Map<String, Double> bounded = writeAndMeasure(bounded(8 * MB), "bounded", RECORDS,
                8.0 * MB * BoundedRocksDbMemory.MEMTABLE_SHARE);
        assertThat(bounded.get("s/block-cache-capacity")).isEqualTo(8.0 * MB);
        // about 12 MB written; the memtables may take half of the 8 MB before they are flushed (in the background)
        assertThat(bounded.get("s/size-all-mem-tables")).isLessThanOrEqualTo(8.0 * MB * BoundedRocksDbMemory.MEMTABLE_SHARE);
    }

    @Test
    void allStoresShareOneCacheThatTheirMemtablesAreChargedTo() {
        // 600 values of 4 KB (2.4 MB), below the 6 MB the memtables may take: nothing is flushed, so the charge stays
        // while measured (with more written, a flush finishing in the background makes the usage a matter of
        // timing). A budget of its own: each budget has one cache in the JVM, and this one sees only this test's writes
        Map<String, Double> bounded = writeAndMeasure(bounded(12 * MB), "shared", 600, Double.MAX_VALUE);
        assertThat(bounded.get("s/size-all-mem-tables")).isGreaterThan(2.0 * MB);
        // the store that was not written reports the usage the other one's memtables are charged with (with a
        // cache of its own 0.26 MB)
        assertThat(bounded.get("t/block-cache-usage")).isGreaterThan(1.5 * MB);
    }

    private static Map<String, Object> bounded(long budget) {
        return Map.of(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class,
                BoundedRocksDbMemory.MEMORY_CONFIG, budget);
    }

    @Test
    void withoutItAStoreKeepsWhatItWroteInItsMemtables() {
        Map<String, Double> unbounded = writeAndMeasure(Map.of(), "default", RECORDS, Double.MAX_VALUE);
        assertThat(unbounded.get("s/block-cache-capacity")).isEqualTo(50.0 * MB);
        assertThat(unbounded.get("s/size-all-mem-tables")).isGreaterThan(10.0 * MB);
        assertThat(unbounded.get("t/block-cache-usage")).isLessThan(1.0 * MB);
    }

    @Test
    void indexAndFilterBlocksAreCachedAndThoseOfTheNewestFilesPinned() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedRocksDbMemory().setConfig("s", options, Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, 8 * MB));
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(table.pinL0FilterAndIndexBlocksInCache()).isTrue();
        }
    }

    @Test
    void lookupsOfAbsentKeysAreAnsweredByBloomFiltersOnTheLastLevelToo() throws RocksDBException {
        assertThat(bloomFilterAnswersForAbsentKeys(false)).isGreaterThan(950);
        // Kafka Streams' own setting, for contrast: the compacted data has no filter
        assertThat(bloomFilterAnswersForAbsentKeys(true)).isZero();
    }

    /**
     * Of 1,000 lookups of absent keys in a store whose 20,000 keys were compacted into its last level, how many
     * a Bloom filter answered; with Kafka Streams' compaction style and filter settings, then the setter's unless
     * {@code kafkaStreamsOwn}.
     */
    private long bloomFilterAnswersForAbsentKeys(boolean kafkaStreamsOwn) throws RocksDBException {
        try (Options options = new Options(); Statistics statistics = new Statistics(); BloomFilter bloom = new BloomFilter()) {
            options.setCreateIfMissing(true).setCompactionStyle(CompactionStyle.UNIVERSAL).setOptimizeFiltersForHits(true)
                    .setStatistics(statistics);
            options.setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloom));
            if (!kafkaStreamsOwn) {
                // a budget no other test uses: each budget has one cache in the JVM, and the other tests' measurements
                // must see only their own writes in theirs
                new BoundedRocksDbMemory().setConfig("s", options, Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, 24 * MB));
            }
            try (RocksDB db = RocksDB.open(options, stateDir.resolve("filters-" + kafkaStreamsOwn).toString());
                 FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                for (int i = 0; i < 20_000; i++) {
                    db.put(("present-" + i).getBytes(StandardCharsets.UTF_8), VALUE.substring(0, 100).getBytes(StandardCharsets.UTF_8));
                }
                db.flush(flush);
                db.compactRange();
                long before = statistics.getTickerCount(TickerType.BLOOM_FILTER_USEFUL);
                for (int i = 0; i < 1_000; i++) {
                    // within the file's key range, which is checked before any filter
                    assertThat(db.get(("present-" + i + "-absent").getBytes(StandardCharsets.UTF_8))).isNull();
                }
                return statistics.getTickerCount(TickerType.BLOOM_FILTER_USEFUL) - before;
            }
        }
    }

    @Test
    void aBudgetMustBeAPositiveNumberOfBytes() {
        assertThat(BoundedRocksDbMemory.budget(Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, "1024"))).isEqualTo(1024);
        assertThat(BoundedRocksDbMemory.budget(Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, 2048L))).isEqualTo(2048);
        for (Object bad : new Object[] {0L, "-1", "lots"}) {
            assertThatThrownBy(() -> BoundedRocksDbMemory.budget(Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, bad)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("suite.rocksdb.memory");
        }
        assertThatThrownBy(() -> BoundedRocksDbMemory.budget(Map.of())).isInstanceOf(ConfigException.class);
    }

    /**
     * The RocksDB metrics of store s ("s/size-all-mem-tables") after {@code records} values of 4 KB written to it
     * while processing one record (a commit would flush the memtables), read once their size is at most
     * {@code memtablesAtMost} or after 10 s, and those of store t, which is not written.
     */
    private Map<String, Double> writeAndMeasure(Map<String, Object> extra, String name, int records, double memtablesAtMost) {
        Map<String, Double> values = new TreeMap<>();
        StreamsBuilder builder = new StreamsBuilder();
        for (String store : new String[] {"s", "t"}) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    Serdes.String()).withLoggingDisabled());
        }
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).process(() -> new Processor<String, String, Void, Void>() {
            private ProcessorContext<Void, Void> context;
            private KeyValueStore<String, String> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                this.context = context;
                store = context.getStateStore("s");
                tickStore = store;
            }

            @Override
            public void process(Record<String, String> record) {
                for (int i = 0; i < records; i++) {
                    store.put("k-" + i, VALUE);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                do {
                    values.clear();
                    context.metrics().metrics().forEach((metric, value) -> {
                        String store = metric.tags().get("rocksdb-state-id");
                        if (metric.group().equals("stream-state-metrics") && store != null && value.metricValue() instanceof Number n) {
                            values.put(store + "/" + metric.name(), n.doubleValue());
                        }
                    });
                } while (values.getOrDefault("s/size-all-mem-tables", 0.0) > memtablesAtMost && System.nanoTime() < deadline
                        && tick());
            }
        }, "s", "t");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "rocksdb-" + name);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        config.putAll(extra);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config)) {
            driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("fill", "");
        }
        return values;
    }

    /** A moment for the background flush, and a write: RocksDB decides on a flush when a store is written. */
    private boolean tick() {
        try {
            Thread.sleep(50);
            tickStore.put("tick", "");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
