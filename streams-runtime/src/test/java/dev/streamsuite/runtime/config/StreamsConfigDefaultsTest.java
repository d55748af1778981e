package dev.streamsuite.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamsuite.runtime.query.QueryHosts;
import dev.streamsuite.runtime.streams.BoundedRocksDbMemory;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.junit.jupiter.api.Test;
import org.rocksdb.Options;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.util.unit.DataSize;

class StreamsConfigDefaultsTest {

    private static final SuiteProperties SUITE = new SuiteProperties(null, null, Duration.ofMinutes(15),
            new SuiteProperties.Topics(true, 6, (short) 1, Duration.ofSeconds(60)),
            new SuiteProperties.Query(Duration.ofSeconds(5), 1, 1), new SuiteProperties.RocksDb(DataSize.ofMegabytes(128)));

    private static StreamsConfig configWith(Map<String, String> streamsProperties) {
        return configWith(streamsProperties, SUITE.rocksdb().memory());
    }

    private static StreamsConfig configWith(Map<String, String> streamsProperties, DataSize rocksDbMemory) {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getStreams().getProperties().putAll(streamsProperties);
        SuiteProperties suite = new SuiteProperties(null, null, SUITE.maxFutureSkew(), SUITE.topics(), SUITE.query(),
                new SuiteProperties.RocksDb(rocksDbMemory));
        Properties config = StreamsRuntimeAutoConfiguration.streamsConfig(kafka, suite,
                QueryHosts.parse("localhost:8083"), "fraud-detector");
        return new StreamsConfig(config);
    }

    private static Object producerBatchSize(StreamsConfig config) {
        return config.getProducerConfigs("client").get("batch.size");
    }

    @Test
    void defaultsAreExactlyOnceWithLargeProducerBatches() {
        StreamsConfig config = configWith(Map.of());

        assertThat(config.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("fraud-detector");
        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.getString(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("localhost:8083");
        assertThat(config.getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(producerBatchSize(config)).isEqualTo(131072);
    }

    @Test
    void aBlankApplicationIdIsRefusedNamingTheProperties() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getStreams().setApplicationId(" ");

        assertThatThrownBy(() -> StreamsRuntimeAutoConfiguration.streamsConfig(kafka, SUITE,
                QueryHosts.parse("localhost:8083"), "fraud-detector"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("application.id")
                .hasMessageContaining("spring.kafka.streams.application-id");
    }

    @Test
    void aConfiguredBatchSizeWinsPrefixedOrNot() {
        assertThat(producerBatchSize(configWith(Map.of("batch.size", "16384")))).isEqualTo("16384");
        assertThat(producerBatchSize(configWith(Map.of("producer.batch.size", "32768")))).isEqualTo("32768");
    }

    @Test
    void outputsMayBeLargerThanTheBrokersDefaultLimitUnlessConfigured() {
        StreamsConfig config = configWith(Map.of());
        assertThat(config.getProducerConfigs("client").get("max.request.size")).isEqualTo(4 * 1024 * 1024);
        assertThat(config.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX)).containsEntry("max.message.bytes", "4194304");

        assertThat(configWith(Map.of("max.request.size", "2000000")).getProducerConfigs("client").get("max.request.size"))
                .isEqualTo("2000000");
        assertThat(configWith(Map.of("producer.max.request.size", "3000000")).getProducerConfigs("client")
                .get("max.request.size")).isEqualTo("3000000");
    }

    @Test
    void rocksDbMemoryIsBoundedUnlessZeroOrASetterOfOnesOwn() {
        StreamsConfig config = configWith(Map.of());
        assertThat(config.getClass(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbMemory.class);
        assertThat(config.originals()).containsEntry(BoundedRocksDbMemory.MEMORY_CONFIG, 128L * 1024 * 1024);

        String mine = MySetter.class.getName();
        assertThat(configWith(Map.of("rocksdb.config.setter", mine)).originals()).containsEntry("rocksdb.config.setter", mine);
        // named explicitly, the bound still has its budget
        assertThat(configWith(Map.of("rocksdb.config.setter", BoundedRocksDbMemory.class.getName())).originals())
                .containsEntry(BoundedRocksDbMemory.MEMORY_CONFIG, 128L * 1024 * 1024);
        assertThat(configWith(Map.of(), DataSize.ofBytes(0)).originals())
                .doesNotContainKeys("rocksdb.config.setter", BoundedRocksDbMemory.MEMORY_CONFIG);
        assertThat(configWith(Map.of(), DataSize.ofMegabytes(64)).originals())
                .containsEntry(BoundedRocksDbMemory.MEMORY_CONFIG, 64L * 1024 * 1024);
        Map<DataSize, String> refused = Map.of(DataSize.ofBytes(-1), "-1B", DataSize.ofBytes(1), "1B",
                DataSize.ofKilobytes(1536), "1536KB", DataSize.ofMegabytes(63), "63MB");
        refused.forEach((size, text) -> assertThatThrownBy(() -> configWith(Map.of(), size)).as("%s", size)
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value " + text + " for configuration suite.rocksdb.memory: it must be 0 (Kafka Streams' "
                        + "own RocksDB settings) or at least 64MB, e.g. 128MB"));
    }

    /** A user's own RocksDB settings. */
    public static final class MySetter implements RocksDBConfigSetter {
        @Override
        public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        }

        @Override
        public void close(String storeName, Options options) {
        }
    }

    @Test
    void aConfiguredGuaranteeWins() {
        StreamsConfig config = configWith(Map.of("processing.guarantee", "at_least_once"));

        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
    }
}
