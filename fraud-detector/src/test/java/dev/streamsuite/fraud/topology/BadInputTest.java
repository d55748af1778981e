package dev.streamsuite.fraud.topology;

import static dev.streamsuite.fraud.topology.FraudDriver.NOW;
import static dev.streamsuite.fraud.topology.FraudDriver.T0;
import static dev.streamsuite.fraud.topology.FraudDriver.tx;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Bad transactions go unchanged to transactions.dlq with the contract's headers; nothing else changes. */
class BadInputTest extends FraudDriverTest {

    private record Bad(String key, String value, String reason, String code) {
    }

    @Test
    void badTransactionsGoToTheDeadLetterTopicUnchanged() {
        fraud = new FraudDriver(stateDir, RuleSettings.defaults());
        List<Bad> bad = List.of(
                new Bad("u-1", "{not json", "not valid JSON", "invalid-json"),
                new Bad("u-1", "[1,2]", "not a JSON object", "wrong-type"),
                new Bad("u-1", "{\"userId\":\"u-1\",\"amount\":-1,\"timestamp\":\"" + T0 + "\"}", "'transactionId' is missing",
                        "missing-field"),
                new Bad("u-1", "{\"transactionId\":\"t\",\"userId\":\"u-1\",\"timestamp\":\"" + T0 + "\"}", "'amount' is missing",
                        "missing-field"),
                new Bad("u-1", "{\"transactionId\":\"t\",\"userId\":\"u-1\",\"amount\":-1}", "'timestamp' is missing",
                        "missing-field"),
                new Bad("u-1", tx("t", "u-1", "\"-5.00\"", T0), "'amount' must be a JSON number", "wrong-type"),
                new Bad("u-1", tx("t", "u-1", "0", T0), "'amount' must not be zero", "out-of-range"),
                new Bad("u-1", tx("t", "u-1", "-0.0000", T0), "'amount' must not be zero", "out-of-range"),
                new Bad("u-1", tx("t", "u-1", "0.00001", T0), "more than 4 decimals", "out-of-range"),
                new Bad("u-1", tx("t", "u-1", "1", T0).replace("\"transactionId\":\"t\"", "\"transactionId\":\" \""),
                        "'transactionId' must not be blank", "out-of-range"),
                new Bad("u-1", tx("t", "u-1", "1", T0).replace(T0.toString(), "yesterday"), "not an ISO-8601 instant",
                        "wrong-type"),
                new Bad("u-1", tx("t", "u-1", "1", T0).replace(T0.toString(), "2026-11-24T10:00:00"),
                        "not an ISO-8601 instant", "wrong-type"),
                new Bad(null, tx("t", "u-1", "1", T0), "record key is null", "key-mismatch"),
                new Bad("u-2", tx("t", "u-1", "1", T0), "differs from userId 'u-1'", "key-mismatch"),
                new Bad("u-1", tx("t", "u-1", "1", NOW.plus(Duration.ofMinutes(16))), "ahead of the wall clock",
                        "future-timestamp"),
                new Bad("u-1", null, "value is null", "missing-field"));
        for (Bad b : bad) {
            fraud.transactions.pipeInput(b.key(), b.value());
        }
        fraud.send("ok", "u-1", "-1.50", T0);

        List<TestRecord<byte[], byte[]>> dead = fraud.dlq.readRecordsToList();
        assertThat(dead).hasSize(bad.size());
        for (int i = 0; i < bad.size(); i++) {
            Bad b = bad.get(i);
            TestRecord<byte[], byte[]> d = dead.get(i);
            assertThat(d.key() == null ? null : new String(d.key(), StandardCharsets.UTF_8)).isEqualTo(b.key());
            assertThat(d.value() == null ? null : new String(d.value(), StandardCharsets.UTF_8)).isEqualTo(b.value());
            assertThat(header(d, "error.reason")).as("reason of %s", b.value()).contains(b.reason());
            assertThat(header(d, "error.source.topic")).isEqualTo("transactions");
            assertThat(header(d, "error.source.partition")).isEqualTo("0");
            assertThat(header(d, "error.source.offset")).isEqualTo(Integer.toString(i));
        }
        // every record counted under its own reason, and nothing else
        assertThat(fraud.deadLetterCodes).isEqualTo(bad.stream().collect(Collectors.toMap(Bad::code, b -> 1, Integer::sum)));
        // only the valid transaction counts; a bad record with the same id did not mark "t" as seen
        assertThat(fraud.state("u-1").balance().toPlainString()).isEqualTo("-1.50");
        assertThat(fraud.state("u-1").transactionCount()).isEqualTo(1);
        assertThat(fraud.state("u-2")).isNull();
        fraud.send("t", "u-1", "2", T0);
        assertThat(fraud.state("u-1").balance().toPlainString()).isEqualTo("0.50");
        assertThat(fraud.readAlerts()).extracting(a -> a.alertId()).containsExactly("ok:NEGATIVE_BALANCE");
    }

    @Test
    void aRecordRejectedForItsFutureTimeDoesNotMoveStreamTime() {
        fraud = new FraudDriver(stateDir, RuleSettings.defaults(), Duration.ofMinutes(10), Duration.ofDays(7));
        fraud.send("t-1", "u-1", "1", T0);
        fraud.transactions.pipeInput("u-1", tx("t-x", "u-1", "1", NOW.plus(Duration.ofDays(1))));
        // were stream time a day ahead, t-1 would have expired and counted again
        fraud.send("t-1", "u-1", "1", T0.plusSeconds(1));
        assertThat(fraud.state("u-1").balance()).isEqualByComparingTo("1");
        assertThat(fraud.dlq.readRecordsToList()).hasSize(1);
    }

    /** Ids that are not text (an escaped lone surrogate, overlong UTF-8) must not pass as another, valid id. */
    @Test
    void anIdThatIsNotUnicodeTextIsBadInputAndShadowsNoValidId() {
        fraud = new FraudDriver(stateDir, RuleSettings.defaults());
        TestInputTopic<String, byte[]> raw = fraud.driver.createInputTopic(FraudTopology.INPUT,
                Serdes.String().serializer(), Serdes.ByteArray().serializer());
        fraud.transactions.pipeInput("u-1", tx("ts-\\ud800", "u-1", "-5", T0));
        byte[] overlong = tx("ts-\u0000", "u-1", "-7", T0).getBytes(StandardCharsets.UTF_8);
        int nul = new String(overlong, StandardCharsets.UTF_8).indexOf('\u0000');
        overlong = concat(Arrays.copyOf(overlong, nul), new byte[] {(byte) 0xC0, (byte) 0xAF},
                Arrays.copyOfRange(overlong, nul + 1, overlong.length));
        raw.pipeInput("u-1", overlong); // "ts-" C0 AF: an overlong '/'
        fraud.send("ts-?", "u-1", "-9", T0);
        fraud.send("ts-/", "u-1", "-11", T0);

        assertThat(fraud.state("u-1").balance().toPlainString()).isEqualTo("-20");
        assertThat(fraud.state("u-1").transactionCount()).isEqualTo(2);
        List<TestRecord<byte[], byte[]>> dead = fraud.dlq.readRecordsToList();
        assertThat(dead).extracting(d -> header(d, "error.reason")).containsExactly(
                "field 'transactionId' is not valid Unicode (an unpaired surrogate)",
                "value is not UTF-8 JSON text: byte 0xC0 at offset 21");
        assertThat(dead.get(1).value()).isEqualTo(overlong);
        assertThat(fraud.readAlerts()).extracting(a -> a.alertId())
                .containsExactly("ts-?:NEGATIVE_BALANCE", "ts-/:NEGATIVE_BALANCE");
    }

    /** A reason quotes input: escaped, so that it cannot forge a log line, and cut, so that it stays one short line. */
    @Test
    void reasonsShowInputEscapedAndCut() {
        fraud = new FraudDriver(stateDir, RuleSettings.defaults());
        fraud.transactions.pipeInput("f2", tx("t-1", "f1\\n2026-11-26T00:00:00.000Z ERROR FAKE", "-5", T0));
        fraud.transactions.pipeInput("k".repeat(50_000), tx("t-2", "f1", "-5", T0));
        fraud.transactions.pipeInput("f1", tx("t-3", "f1", "-5", T0).replace(T0.toString(), "\\u001b[31mRED"));

        assertThat(fraud.dlq.readRecordsToList()).extracting(d -> header(d, "error.reason")).containsExactly(
                "record key 'f2' differs from userId 'f1\\u000A2026-11-26T00:00:00.000Z ERROR FAKE'",
                "record key '" + "k".repeat(64) + "…(49936 more characters)' differs from userId 'f1'",
                "field 'timestamp' is not an ISO-8601 instant with offset: '\\u001B[31mRED'");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
