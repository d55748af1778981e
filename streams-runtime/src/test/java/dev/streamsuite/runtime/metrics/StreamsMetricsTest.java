package dev.streamsuite.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Transaction;
import dev.streamsuite.runtime.streams.ServiceTopology;
import dev.streamsuite.runtime.topology.InputSpec;
import dev.streamsuite.runtime.topology.InputTopic;
import dev.streamsuite.runtime.topology.TopologyEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.junit.jupiter.api.Test;

/** The probes, the interceptor's bookkeeping and the restore meters, against a TopologyTestDriver. */
class StreamsMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        InputSpec<Transaction> spec = new InputSpec<>("tx", Transaction::parse, Transaction::timestamp,
                InputSpec.keyEquals("userId", Transaction::userId), false);
        InputTopic.read(builder, spec, Duration.ofMinutes(15), TopologyEvents.NONE, Clock.fixed(NOW, ZoneOffset.UTC))
                .mapValues(in -> in.value().transactionId())
                .repartition(Repartitioned.<String, String>as("by-id").withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static byte[] tx(String id, Instant at) {
        return ("{\"transactionId\":\"" + id + "\",\"userId\":\"u-1\",\"amount\":-5.00,\"timestamp\":\"" + at
                + "\",\"merchant\":\"m\",\"country\":\"GB\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static Properties driverConfig() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return config;
    }

    @Test
    void probesCountRecordsInAndTrackStreamTimePerTask() {
        Topology topology = topology();
        Properties config = driverConfig();
        StreamsMetrics metrics = new StreamsMetrics(registry, clock);
        metrics.instrument(new ServiceTopology(topology, List.of()), config);
        metrics.instrument(new ServiceTopology(topology, List.of()), config); // twice changes nothing

        assertThat(topology.describe().toString()).contains("tx-source-metrics", "by-id-repartition-source-metrics");
        assertThat(config.get("producer.interceptor.classes")).isEqualTo(OutputInterceptor.class.getName());
        assertThat(config.get("producer." + OutputInterceptor.FLOW_CONFIG)).isInstanceOf(RecordFlow.class);
        // every known topic's series exists from 0
        assertThat(registry.get(RecordFlow.RECORDS_IN).tag("topic", "tx").counter().count()).isZero();
        assertThat(registry.get(RecordFlow.RECORDS_IN).tag("topic", "app-by-id-repartition").counter().count()).isZero();
        assertThat(registry.get(RecordFlow.RECORDS_OUT).tag("topic", "tx.dlq").counter().count()).isZero();
        assertThat(registry.get(RecordFlow.RECORDS_OUT).tag("topic", "out").counter().count()).isZero();
        assertThat(registry.find(RecordFlow.E2E_LATENCY).tag("topic", "tx.dlq").timer()).isNull();

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("tx", new ByteArraySerializer(), new ByteArraySerializer());
            byte[] key = "u-1".getBytes(StandardCharsets.UTF_8);
            in.pipeInput(key, tx("t-1", NOW.minusSeconds(30)));
            in.pipeInput(key, tx("t-2", NOW.minusSeconds(10)));
            in.pipeInput(key, tx("t-3", NOW.minusSeconds(20))); // out of order: stream time stays
            in.pipeInput(key, "not json".getBytes(StandardCharsets.UTF_8)); // bad input counts as read too

            assertThat(registry.get(RecordFlow.RECORDS_IN).tag("topic", "tx").counter().count()).isEqualTo(4);
            assertThat(registry.get(RecordFlow.RECORDS_IN).tag("topic", "app-by-id-repartition").counter().count()).isEqualTo(3);
            // the test driver runs all sub-topologies in one task, 0_0: both probes share its gauge
            List<Gauge> lags = List.copyOf(registry.find(WatermarkLag.NAME).gauges());
            assertThat(lags).extracting(g -> g.getId().getTag("task")).containsExactly("0_0");
            assertThat(registry.get(WatermarkLag.NAME).tag("task", "0_0").gauge().value()).isEqualTo(10.0);
        }
        // the driver closed the tasks: their gauges are gone
        assertThat(registry.find(WatermarkLag.NAME).gauges()).isEmpty();
    }

    @Test
    void badInputAloneLeavesTheLagUnknown() {
        Topology topology = topology();
        Properties config = driverConfig();
        new StreamsMetrics(registry, clock).instrument(new ServiceTopology(topology, List.of()), config);

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, config)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("tx", new ByteArraySerializer(), new ByteArraySerializer());
            byte[] key = "u-1".getBytes(StandardCharsets.UTF_8);
            // a bad record is given the partition time, 0 before any valid record: not a stream time of 1970
            in.pipeInput(key, "not json".getBytes(StandardCharsets.UTF_8));
            in.pipeInput("u-2".getBytes(StandardCharsets.UTF_8), tx("t-1", NOW.minusSeconds(30))); // key mismatch
            assertThat(registry.get(RecordFlow.RECORDS_IN).tag("topic", "tx").counter().count()).isEqualTo(2);
            assertThat(registry.get(WatermarkLag.NAME).tag("task", "0_0").gauge().value()).isNaN();

            in.pipeInput(key, tx("t-2", NOW.minusSeconds(30)));
            assertThat(registry.get(WatermarkLag.NAME).tag("task", "0_0").gauge().value()).isEqualTo(30.0);
        }
    }

    @Test
    void writtenRecordsCountPerTopicAndOutputsGetLatency() {
        RecordFlow flow = new RecordFlow(registry);
        flow.register(java.util.Set.of("in"), java.util.Set.of("out", "in.dlq"), java.util.Set.of("out"));
        long now = NOW.toEpochMilli();
        flow.written("out", now - 1500, now);
        flow.written("out", now + 2000, now); // event time ahead of the clock: 0
        flow.written("in.dlq", now, now);
        flow.written("app-store-changelog", now, now);

        assertThat(registry.get(RecordFlow.RECORDS_OUT).tag("topic", "out").counter().count()).isEqualTo(2);
        assertThat(registry.get(RecordFlow.RECORDS_OUT).tag("topic", "in.dlq").counter().count()).isEqualTo(1);
        assertThat(registry.find(RecordFlow.RECORDS_OUT).tag("topic", "app-store-changelog").counter()).isNull();
        Timer latency = registry.get(RecordFlow.E2E_LATENCY).tag("topic", "out").timer();
        assertThat(latency.count()).isEqualTo(2);
        assertThat(latency.max(TimeUnit.MILLISECONDS)).isEqualTo(1500);
        assertThat(latency.takeSnapshot().histogramCounts()).isNotEmpty();
    }

    @Test
    void restorationProgress() {
        RestoreMetrics restore = new RestoreMetrics(registry);
        restore.register(List.of("s"));
        StateRestoreListener listener = restore;
        TopicPartition p0 = new TopicPartition("app-s-changelog", 0);
        TopicPartition p1 = new TopicPartition("app-s-changelog", 1);
        assertThat(registry.get(RestoreMetrics.REMAINING).tag("store", "s").gauge().value()).isZero();

        listener.onRestoreStart(p0, "s", 0, 100);
        listener.onRestoreStart(p1, "s", 10, 60);
        assertThat(registry.get(RestoreMetrics.REMAINING).tag("store", "s").gauge().value()).isEqualTo(150);
        assertThat(registry.get(RestoreMetrics.ACTIVE).gauge().value()).isEqualTo(2);

        listener.onBatchRestored(p0, "s", 39, 40);
        assertThat(registry.get(RestoreMetrics.REMAINING).tag("store", "s").gauge().value()).isEqualTo(110);
        assertThat(registry.get(RestoreMetrics.RESTORED).tag("store", "s").counter().count()).isEqualTo(40);

        listener.onRestoreEnd(p0, "s", 100);
        listener.onRestoreSuspended(p1, "s", 0);
        assertThat(registry.get(RestoreMetrics.REMAINING).tag("store", "s").gauge().value()).isZero();
        assertThat(registry.get(RestoreMetrics.ACTIVE).gauge().value()).isZero();
        assertThat(registry.get(RestoreMetrics.DURATION).tag("store", "s").timer().count()).isEqualTo(1);
    }
}
