package dev.streamsuite.runtime.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared input path: validation, key rules, event time, tombstones and the dead-letter branch. */
class InputTopicTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private final List<String> events = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, String> valid;
    private TestOutputTopic<byte[], byte[]> dlq;

    private <T> void start(InputSpec<T> spec, java.util.function.Function<T, String> show) {
        StreamsBuilder builder = new StreamsBuilder();
        TopologyEvents recorder = new TopologyEvents() {
            @Override
            public void deadLettered(String topic, String code) {
                events.add(topic + ":" + code);
            }
        };
        InputTopic.read(builder, spec, Duration.ofMinutes(15), recorder, Clock.fixed(NOW, ZoneOffset.UTC))
                .mapValues((k, in) -> in.isTombstone() ? "tombstone@" : show.apply(in.value()))
                .processValues(TimestampTag::new)
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "input-topic-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        input = driver.createInputTopic(spec.topic(), new ByteArraySerializer(), new ByteArraySerializer());
        valid = driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
        dlq = driver.createOutputTopic(spec.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Appends the record time the topology saw, so tests can check event time and stream time. */
    static final class TimestampTag implements org.apache.kafka.streams.processor.api.FixedKeyProcessor<String, String, String> {
        private org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, String> context;

        @Override
        public void init(org.apache.kafka.streams.processor.api.FixedKeyProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(org.apache.kafka.streams.processor.api.FixedKeyRecord<String, String> record) {
            context.forward(record.withValue(record.value() + Instant.ofEpochMilli(record.timestamp())
                    + "|stream=" + Instant.ofEpochMilli(context.currentStreamTimeMs())));
        }
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String tx(String id, String user, String amount, String time) {
        return "{\"transactionId\":\"" + id + "\",\"userId\":\"" + user + "\",\"amount\":" + amount + ",\"timestamp\":\"" + time + "\"}";
    }

    private static InputSpec<Transaction> transactions() {
        return new InputSpec<>("transactions", Transaction::parse, Transaction::timestamp,
                InputSpec.keyEquals("userId", Transaction::userId), false);
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void validRecordsCarryTheirEventTimeAndStringKey() {
        start(transactions(), t -> t.transactionId() + "@");
        input.pipeInput(utf8("u-1"), utf8(tx("t-1", "u-1", "-5.00", "2026-11-24T10:00:00+01:00")));
        TestRecord<String, String> out = valid.readRecord();
        assertThat(out.key()).isEqualTo("u-1");
        assertThat(out.value()).isEqualTo("t-1@2026-11-24T09:00:00Z|stream=2026-11-24T09:00:00Z");
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void badRecordsKeepTheirBytesGetHeadersAndDoNotMoveStreamTime() {
        start(transactions(), t -> t.transactionId() + "@");
        input.pipeInput(utf8("u-1"), utf8(tx("t-1", "u-1", "-5.00", "2026-11-24T10:00:00Z")));
        byte[] badKey = {(byte) 0xff, (byte) 0xfe};
        RecordHeaders original = new RecordHeaders();
        original.add("trace", utf8("abc"));
        input.pipeInput(new TestRecord<>(badKey, utf8(tx("t-2", "u-1", "-5.00", "2026-11-24T10:30:00Z")), original));
        input.pipeInput(null, utf8(tx("t-3", "u-1", "-5.00", "2026-11-24T10:40:00Z")));
        input.pipeInput(utf8("u-1"), (byte[]) null);
        input.pipeInput(utf8("u-1"), utf8(tx("t-4", "u-1", "-5.00", "2026-11-24T12:15:00.001Z")));
        input.pipeInput(utf8("u-1"), utf8(tx("t-5", "u-1", "-5.00", "2026-11-24T10:05:00Z")));

        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(4);
        assertThat(dead.get(0).key()).isEqualTo(badKey);
        assertThat(header(dead.get(0), "error.reason")).isEqualTo("record key is not valid UTF-8");
        assertThat(header(dead.get(0), "trace")).isEqualTo("abc");
        assertThat(dead.get(1).key()).isNull();
        assertThat(header(dead.get(1), "error.reason")).contains("record key is null");
        assertThat(dead.get(2).value()).isNull();
        assertThat(header(dead.get(2), "error.reason")).isEqualTo("value is null");
        assertThat(header(dead.get(3), "error.reason")).contains("ahead of the wall clock");
        assertThat(header(dead.get(3), "error.source.offset")).isEqualTo("4");
        assertThat(events).containsExactly("transactions:key-mismatch", "transactions:key-mismatch", "transactions:missing-field",
                "transactions:future-timestamp");

        List<String> ok = valid.readValuesToList();
        assertThat(ok).containsExactly("t-1@2026-11-24T10:00:00Z|stream=2026-11-24T10:00:00Z",
                "t-5@2026-11-24T10:05:00Z|stream=2026-11-24T10:05:00Z");
    }

    @Test
    void tombstonesAreValidWhereAllowedAndTakeTheRecordTime() {
        start(new InputSpec<>("customers", Customer::parse, Customer::updatedAt,
                InputSpec.keyEquals("customerId", Customer::customerId), true), c -> c.customerId() + "@");
        input.pipeInput(utf8("c-1"), null, Instant.parse("2026-11-24T08:00:00Z"));
        input.pipeInput(null, null, Instant.parse("2026-11-24T08:00:00Z"));
        // a tombstone's key is its only id: blank, empty or overlong is bad input and does not move stream time
        input.pipeInput(utf8("   "), null, Instant.parse("2026-11-24T09:00:00Z"));
        input.pipeInput(utf8(""), null, Instant.parse("2026-11-24T09:00:00Z"));
        input.pipeInput(utf8("t".repeat(257)), null, Instant.parse("2026-11-24T09:00:00Z"));
        input.pipeInput(utf8("u".repeat(256)), null, Instant.parse("2026-11-24T08:30:00Z"));
        input.pipeInput(utf8("c-2"), null, NOW.plus(Duration.ofMinutes(15)).plusMillis(1));
        input.pipeInput(utf8("c-3"), null, NOW.plus(Duration.ofMinutes(15)));
        assertThat(valid.readValuesToList()).containsExactly("tombstone@2026-11-24T08:00:00Z|stream=2026-11-24T08:00:00Z",
                "tombstone@2026-11-24T08:30:00Z|stream=2026-11-24T08:30:00Z",
                "tombstone@2026-11-24T12:15:00Z|stream=2026-11-24T12:15:00Z");
        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(5);
        assertThat(header(dead.get(0), "error.reason")).contains("record key is null");
        assertThat(header(dead.get(1), "error.reason")).isEqualTo("record key '   ' of a tombstone must not be blank (it is the customerId)");
        assertThat(dead.get(2).key()).isEqualTo(utf8(""));
        assertThat(header(dead.get(2), "error.reason")).isEqualTo("record key '' of a tombstone must not be blank (it is the customerId)");
        assertThat(dead.get(3).key()).isEqualTo(utf8("t".repeat(257)));
        assertThat(header(dead.get(3), "error.reason")).endsWith("of a tombstone is longer than 256 characters (it is the customerId)");
        assertThat(dead.get(4).key()).isEqualTo(utf8("c-2"));
        assertThat(dead.get(4).value()).isNull();
        assertThat(header(dead.get(4), "error.reason"))
                .isEqualTo("record time 2026-11-24T12:15:00.001Z lies more than PT15M ahead of the wall clock");
        assertThat(events).containsExactly("customers:key-mismatch", "customers:key-mismatch", "customers:key-mismatch",
                "customers:key-mismatch", "customers:future-timestamp");
    }
}
