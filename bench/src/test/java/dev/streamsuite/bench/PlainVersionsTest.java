package dev.streamsuite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain versions compute what their services do on clean input, so the third baseline does comparable work. */
class PlainVersionsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path state;

    private TopologyTestDriver driver(String service) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "plain-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        Topology topology = PlainVersions.of(service, "out");
        return new TopologyTestDriver(topology, p);
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver d, String topic) {
        return d.createInputTopic(topic, new StringSerializer(), new StringSerializer());
    }

    private static List<KeyValue<String, String>> output(TopologyTestDriver d) {
        TestOutputTopic<String, String> out = d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
        return out.readKeyValuesToList();
    }

    @Test
    void purchasesAreSummedPerWindowWithUpdatesAndOneFinalSummary() {
        try (TopologyTestDriver d = driver("purchase-aggregator")) {
            TestInputTopic<String, String> in = input(d, "purchases");
            in.pipeInput("u-1", purchase("p-1", "12.50", null, "10:01:00"), T0.plusSeconds(60));
            in.pipeInput("u-1", purchase("p-2", "5.00", "REFUND", "10:02:00"), T0.plusSeconds(120));
            in.pipeInput("u-1", purchase("p-3", "30.00", "PURCHASE", "10:03:00"), T0.plusSeconds(180));
            // stream time 10:06:00 = window end + grace: the window closes
            in.pipeInput("u-2", purchase("p-4", "1.00", null, "10:06:00"), T0.plusSeconds(360));
            String summary = "{\"userId\":\"u-1\",\"windowStart\":\"2026-11-24T10:00:00Z\",\"windowEnd\":\"2026-11-24T10:05:00Z\","
                    + "\"count\":2,\"totalAmount\":42.50,\"minAmount\":12.50,\"maxAmount\":30.00}";
            // no record cache in the test driver: every update, then the final one
            assertThat(output(d)).containsExactly(
                    KeyValue.pair("u-1", "{\"userId\":\"u-1\",\"windowStart\":\"2026-11-24T10:00:00Z\",\"windowEnd\":"
                            + "\"2026-11-24T10:05:00Z\",\"count\":1,\"totalAmount\":12.50,\"minAmount\":12.50,\"maxAmount\":12.50}"),
                    KeyValue.pair("u-1", summary),
                    KeyValue.pair("u-2", "{\"userId\":\"u-2\",\"windowStart\":\"2026-11-24T10:05:00Z\",\"windowEnd\":"
                            + "\"2026-11-24T10:10:00Z\",\"count\":1,\"totalAmount\":1.00,\"minAmount\":1.00,\"maxAmount\":1.00}"),
                    KeyValue.pair("u-1", summary));
        }
    }

    @Test
    void ordersTakeTheCustomerVersionOfTheirTime() {
        try (TopologyTestDriver d = driver("order-enricher")) {
            TestInputTopic<String, String> customers = input(d, "customers");
            TestInputTopic<String, String> orders = input(d, "orders");
            customers.pipeInput("c-1", customer("Ada", "10:00:00"), T0);
            customers.pipeInput("c-1", customer("Ada L.", "10:05:00"), T0.plusSeconds(300));
            orders.pipeInput("o-1", order("o-1", "c-1", "10:02:00"), T0.plusSeconds(120));
            orders.pipeInput("o-2", order("o-2", "c-9", "10:06:00"), T0.plusSeconds(360));
            // the join waits for its grace (1 minute of stream time)
            orders.pipeInput("o-3", order("o-3", "c-1", "10:08:00"), T0.plusSeconds(480));
            List<KeyValue<String, String>> out = output(d);
            assertThat(out).extracting(kv -> kv.key).containsExactly("o-1", "o-2");
            assertThat(out.get(0).value).contains("\"name\":\"Ada\"", "\"status\":\"ENRICHED\"");
            assertThat(out.get(1).value).contains("\"status\":\"UNMATCHED\"", "\"reason\":\"UNKNOWN_CUSTOMER\"")
                    .doesNotContain("\"customer\"");
        }
    }

    @Test
    void transactionsKeepARunningBalanceAndNegativeOnesComeOut() {
        try (TopologyTestDriver d = driver("fraud-detector")) {
            TestInputTopic<String, String> in = input(d, "transactions");
            in.pipeInput("u-1", transaction("t-1", "20.00", "10:00:00"), T0);
            in.pipeInput("u-1", transaction("t-2", "-25.00", "10:01:00"), T0.plusSeconds(60));
            in.pipeInput("u-1", transaction("t-3", "10.50", "10:02:00"), T0.plusSeconds(120));
            assertThat(output(d)).containsExactly(KeyValue.pair("u-1",
                    "{\"userId\":\"u-1\",\"balance\":-5.00,\"transactionCount\":2,\"updatedAt\":\"2026-11-24T10:01:00Z\"}"));
        }
    }

    @Test
    void anUnknownServiceHasNoPlainVersion() {
        assertThatThrownBy(() -> PlainVersions.of("nope", "out")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    private static String purchase(String id, String amount, String type, String time) {
        return "{\"purchaseId\":\"" + id + "\",\"userId\":\"u-1\",\"amount\":" + amount
                + (type == null ? "" : ",\"type\":\"" + type + "\"") + ",\"timestamp\":\"2026-11-24T" + time + "Z\"}";
    }

    private static String customer(String name, String time) {
        return "{\"customerId\":\"c-1\",\"name\":\"" + name + "\",\"email\":\"ada@example.com\",\"tier\":\"GOLD\","
                + "\"country\":\"GB\",\"updatedAt\":\"2026-11-24T" + time + "Z\"}";
    }

    private static String order(String id, String customerId, String time) {
        return "{\"orderId\":\"" + id + "\",\"customerId\":\"" + customerId + "\",\"amount\":99.90,\"currency\":\"EUR\","
                + "\"items\":[{\"sku\":\"A1\",\"quantity\":2,\"unitPrice\":49.95}],\"timestamp\":\"2026-11-24T" + time + "Z\"}";
    }

    private static String transaction(String id, String amount, String time) {
        return "{\"transactionId\":\"" + id + "\",\"userId\":\"u-1\",\"amount\":" + amount + ",\"timestamp\":\"2026-11-24T"
                + time + "Z\",\"merchant\":\"m-9\",\"country\":\"GB\"}";
    }
}
