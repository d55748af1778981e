package dev.streamsuite.purchases.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Json;
import dev.streamsuite.model.PurchaseSummary;
import dev.streamsuite.runtime.topology.TopologyEvents;
import dev.streamsuite.testsupport.DriverState;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PurchaseTopologyTest {

    private static final String APP_ID = "purchase-aggregator-test";

    private final List<String> deadLettered = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> purchases;
    private TestOutputTopic<String, String> summaries;
    private TestOutputTopic<String, String> finals;
    private TestOutputTopic<String, byte[]> late;
    private TestOutputTopic<byte[], byte[]> dlq;

    @TempDir
    Path stateDir;

    @BeforeEach
    void start() {
        open(stateDir);
    }

    private void open(Path dir) {
        open(dir, Duration.ofDays(1));
    }

    private void open(Path dir, Duration retention) {
        TopologyEvents events = new TopologyEvents() {
            @Override
            public void deadLettered(String topic, String code) {
                deadLettered.add(topic + ":" + code);
            }
        };
        PurchaseTopology topology = new PurchaseTopology(Duration.ofMinutes(5), Duration.ofMinutes(1), retention,
                Duration.ofMinutes(15), events);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        driver = new TopologyTestDriver(topology.build(), props);
        purchases = driver.createInputTopic(PurchaseTopology.INPUT, new StringSerializer(), new StringSerializer());
        summaries = driver.createOutputTopic(PurchaseTopology.SUMMARIES, new StringDeserializer(), new StringDeserializer());
        finals = driver.createOutputTopic(PurchaseTopology.FINAL, new StringDeserializer(), new StringDeserializer());
        late = driver.createOutputTopic(PurchaseTopology.LATE, new StringDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(PurchaseTopology.INPUT + ".dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static String purchase(String id, String user, String amount, String type, String time) {
        return "{\"purchaseId\":\"" + id + "\",\"userId\":\"" + user + "\",\"amount\":" + amount
                + (type == null ? "" : ",\"type\":\"" + type + "\"") + ",\"timestamp\":\"" + time + "\"}";
    }

    private void send(String key, String value) {
        purchases.pipeInput(key, value);
    }

    private void buy(String user, String id, String amount, String time) {
        send(user, purchase(id, user, amount, null, time));
    }

    private static PurchaseSummary read(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), PurchaseSummary.class);
    }

    private Map<String, PurchaseSummary> latestUpdates() {
        Map<String, PurchaseSummary> latest = new HashMap<>();
        for (var kv : summaries.readKeyValuesToList()) {
            PurchaseSummary s = read(kv.value);
            latest.put(kv.key + "@" + s.windowStart(), s);
        }
        return latest;
    }

    private static String header(TestRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void eventAtExactlyWindowEndBelongsToNextWindow() {
        buy("u-1", "p-1", "10.00", "2026-11-24T10:04:59.999Z");
        buy("u-1", "p-2", "20.00", "2026-11-24T10:05:00Z");

        Map<String, PurchaseSummary> latest = latestUpdates();
        PurchaseSummary first = latest.get("u-1@2026-11-24T10:00:00Z");
        PurchaseSummary second = latest.get("u-1@2026-11-24T10:05:00Z");
        assertThat(first.windowEnd()).isEqualTo(Instant.parse("2026-11-24T10:05:00Z"));
        assertThat(first.count()).isEqualTo(1);
        assertThat(first.totalAmount()).isEqualByComparingTo("10.00");
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.totalAmount()).isEqualByComparingTo("20.00");
    }

    @Test
    void summaryHoldsCountTotalMinMaxExactly() {
        buy("u-1", "p-1", "12.50", "2026-11-24T10:01:00Z");
        buy("u-1", "p-2", "5.00", "2026-11-24T10:02:00Z");
        buy("u-1", "p-3", "30.00", "2026-11-24T10:03:00Z");

        List<String> values = summaries.readValuesToList();
        assertThat(values).hasSize(3);
        assertThat(values.get(2)).isEqualTo("{\"userId\":\"u-1\",\"windowStart\":\"2026-11-24T10:00:00Z\","
                + "\"windowEnd\":\"2026-11-24T10:05:00Z\",\"count\":3,\"totalAmount\":47.50,\"minAmount\":5.00,\"maxAmount\":30.00}");
    }

    @Test
    void decimalsAreSummedExactly() {
        buy("u-1", "p-1", "0.1", "2026-11-24T10:01:00Z");
        buy("u-1", "p-2", "0.2", "2026-11-24T10:02:00Z");

        List<String> values = summaries.readValuesToList();
        assertThat(values.get(1)).contains("\"totalAmount\":0.3,").contains("\"minAmount\":0.1,").contains("\"maxAmount\":0.2}");
    }

    @Test
    void graceEdgeWindowEndPlusGraceEqualToStreamTimeIsLate() {
        buy("u-1", "p-1", "10.00", "2026-11-24T10:01:00Z");
        buy("u-2", "p-2", "1.00", "2026-11-24T10:05:59.999Z");
        buy("u-1", "p-3", "2.00", "2026-11-24T10:02:00Z"); // stream time 10:05:59.999 < 10:06: still on time
        assertThat(late.isEmpty()).isTrue();

        buy("u-2", "p-4", "1.00", "2026-11-24T10:06:00Z"); // stream time = windowEnd + grace: window closes
        String latePurchase = purchase("p-5", "u-1", "3.00", null, "2026-11-24T10:03:00Z");
        send("u-1", latePurchase);

        TestRecord<String, byte[]> lateRecord = late.readRecord();
        assertThat(lateRecord.key()).isEqualTo("u-1");
        assertThat(new String(lateRecord.value(), StandardCharsets.UTF_8)).isEqualTo(latePurchase);
        assertThat(header(lateRecord, WindowAggregator.LATE_HEADER)).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(late.isEmpty()).isTrue();

        PurchaseSummary u1 = latestUpdates().get("u-1@2026-11-24T10:00:00Z");
        assertThat(u1.count()).isEqualTo(2);
        assertThat(u1.totalAmount()).isEqualByComparingTo("12.00");
    }

    @Test
    void finalSummaryIsEmittedOnceWhenTheWindowCloses() {
        buy("u-1", "p-1", "10.00", "2026-11-24T10:01:00Z");
        buy("u-2", "p-2", "4.00", "2026-11-24T10:02:00Z");
        buy("u-1", "p-3", "5.00", "2026-11-24T10:04:00Z");
        buy("u-1", "p-4", "1.00", "2026-11-24T10:05:59.999Z");
        assertThat(finals.isEmpty()).isTrue();

        buy("u-3", "p-5", "7.00", "2026-11-24T10:06:00Z");
        buy("u-3", "p-6", "7.00", "2026-11-24T10:09:00Z");
        buy("u-3", "p-7", "7.00", "2026-11-24T10:10:30Z");

        List<PurchaseSummary> emitted = finals.readValuesToList().stream().map(PurchaseTopologyTest::read).toList();
        assertThat(emitted).extracting(PurchaseSummary::userId).containsExactlyInAnyOrder("u-1", "u-2");
        PurchaseSummary u1 = emitted.stream().filter(s -> s.userId().equals("u-1")).findFirst().orElseThrow();
        assertThat(u1.count()).isEqualTo(2);
        assertThat(u1.totalAmount()).isEqualByComparingTo("15.00");
        assertThat(u1.minAmount()).isEqualByComparingTo("5.00");
        assertThat(u1.maxAmount()).isEqualByComparingTo("10.00");

        buy("u-3", "p-8", "7.00", "2026-11-24T10:11:00Z"); // closes 10:05-10:10 (u-1 and u-3), not 10:00 again
        List<PurchaseSummary> next = finals.readValuesToList().stream().map(PurchaseTopologyTest::read).toList();
        assertThat(next).extracting(s -> s.userId() + "@" + s.windowStart())
                .containsExactlyInAnyOrder("u-1@2026-11-24T10:05:00Z", "u-3@2026-11-24T10:05:00Z");
    }

    @Test
    void refundsAreIgnoredButMoveStreamTime() {
        buy("u-1", "p-1", "10.00", "2026-11-24T10:01:00Z");
        send("u-1", purchase("r-1", "u-1", "-10.00", "REFUND", "2026-11-24T10:02:00Z"));
        assertThat(summaries.readValuesToList()).hasSize(1);

        send("u-1", purchase("r-2", "u-1", "-1.00", "REFUND", "2026-11-24T10:06:00Z"));
        buy("u-1", "p-2", "3.00", "2026-11-24T10:03:00Z");
        assertThat(late.readRecord().key()).isEqualTo("u-1");
        assertThat(finals.readValuesToList()).hasSize(1);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void nullKeyIsGroupedByUserIdAndStaysNullWhenLate() {
        send(null, purchase("p-1", "u-9", "4.00", null, "2026-11-24T10:01:00Z"));
        send("u-9", purchase("p-2", "u-9", "6.00", null, "2026-11-24T10:02:00Z"));
        var updates = summaries.readKeyValuesToList();
        assertThat(updates).hasSize(2);
        assertThat(updates.get(1).key).isEqualTo("u-9");
        assertThat(read(updates.get(1).value).count()).isEqualTo(2);

        buy("u-9", "p-3", "1.00", "2026-11-24T10:20:00Z");
        send(null, purchase("p-4", "u-9", "1.00", null, "2026-11-24T10:03:00Z"));
        TestRecord<String, byte[]> lateRecord = late.readRecord();
        assertThat(lateRecord.key()).isNull();
        assertThat(lateRecord.headers().lastHeader(NullKeyMarker.HEADER)).isNull();
    }

    @Test
    void aLateRecordKeepsItsHeadersButCarriesOnlyTheServicesLateWindowStart() {
        buy("u-1", "p-1", "1.00", "2026-11-24T10:20:00Z");
        purchases.pipeInput(new TestRecord<>("u-1", purchase("p-2", "u-1", "3.00", null, "2026-11-24T10:03:00Z"),
                new RecordHeaders().add("trace", "t-1".getBytes(StandardCharsets.UTF_8))
                        .add(WindowAggregator.LATE_HEADER, "forged".getBytes(StandardCharsets.UTF_8))));

        TestRecord<String, byte[]> lateRecord = late.readRecord();
        assertThat(header(lateRecord, "trace")).isEqualTo("t-1");
        assertThat(lateRecord.headers().headers(WindowAggregator.LATE_HEADER)).extracting(h -> new String(h.value(),
                StandardCharsets.UTF_8)).containsExactly("2026-11-24T10:00:00Z");
    }

    @Test
    void badRecordsGoUnchangedToTheDeadLetterTopicWithReasons() {
        String keyMismatch = purchase("p-1", "u-1", "5.00", null, "2026-11-24T10:01:00Z");
        send("u-2", keyMismatch);
        send("u-1", "{not json");
        send("u-1", purchase("p-2", "u-1", "0", null, "2026-11-24T10:01:00Z"));
        send("u-1", purchase("p-3", "u-1", "-1.50", null, "2026-11-24T10:01:00Z"));
        send("u-1", "{\"purchaseId\":\"p-4\",\"userId\":\"u-1\",\"amount\":\"12.5\",\"timestamp\":\"2026-11-24T10:01:00Z\"}");
        send("u-1", purchase("p-5", "u-1", "5.00", null, "yesterday"));

        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(6);
        assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("u-2");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(keyMismatch);
        assertThat(header(dead.get(0), "error.reason")).contains("differs from userId");
        assertThat(header(dead.get(0), "error.source.topic")).isEqualTo("purchases");
        assertThat(header(dead.get(0), "error.source.partition")).isEqualTo("0");
        assertThat(header(dead.get(0), "error.source.offset")).isEqualTo("0");
        assertThat(header(dead.get(1), "error.reason")).contains("not valid JSON");
        assertThat(header(dead.get(2), "error.reason")).contains("amount");
        assertThat(header(dead.get(3), "error.reason")).contains("amount");
        assertThat(header(dead.get(4), "error.reason")).contains("amount").contains("number");
        assertThat(header(dead.get(5), "error.reason")).contains("timestamp");
        assertThat(header(dead.get(5), "error.source.offset")).isEqualTo("5");
        assertThat(deadLettered).containsExactly("purchases:key-mismatch", "purchases:invalid-json", "purchases:out-of-range",
                "purchases:out-of-range", "purchases:wrong-type", "purchases:wrong-type");
        assertThat(summaries.isEmpty()).isTrue();
    }

    @Test
    void futureEventsAreDeadLetteredWithoutMovingStreamTime() {
        buy("u-1", "p-1", "10.00", "2026-11-24T10:01:00Z");
        buy("u-1", "p-2", "1.00", Instant.now().plus(Duration.ofHours(2)).toString());
        buy("u-1", "p-3", "2.00", "2026-11-24T10:02:00Z");

        assertThat(header(dlq.readRecord(), "error.reason")).contains("ahead of the wall clock");
        assertThat(late.isEmpty()).isTrue();
        assertThat(latestUpdates().get("u-1@2026-11-24T10:00:00Z").count()).isEqualTo(2);
    }

    @Test
    void unicodeUserIdsAreKeptExactly() {
        buy("ユーザー-😀", "p-1", "1.25", "2026-11-24T10:01:00Z");
        var update = summaries.readKeyValue();
        assertThat(update.key).isEqualTo("ユーザー-😀");
        assertThat(read(update.value).userId()).isEqualTo("ユーザー-😀");
    }

    @Test
    void theStoreKeepsTheExactFiguresOfEachWindow() {
        buy("u-1", "p-1", "12.50", "2026-11-24T10:01:00Z");
        buy("u-1", "p-2", "5.00", "2026-11-24T10:02:00Z");
        buy("u-1", "p-3", "1E+1", "2026-11-24T10:06:00Z");

        WindowStore<String, WindowTotals> store = driver.getWindowStore(PurchaseTopology.SUMMARY_STORE);
        assertThat(store.fetch("u-1", Instant.parse("2026-11-24T10:00:00Z").toEpochMilli()))
                .isEqualTo(new WindowTotals(2, new BigDecimal("17.50"), new BigDecimal("5.00"), new BigDecimal("12.50")));
        assertThat(store.fetch("u-1", Instant.parse("2026-11-24T10:05:00Z").toEpochMilli()))
                .isEqualTo(new WindowTotals(1, new BigDecimal("10"), new BigDecimal("10"), new BigDecimal("10")));
    }

    /**
     * A summary is queryable (through {@link SummaryReader}, as the HTTP API reads) until its partition's stream time
     * reaches its window end plus the retention, to the millisecond, also where that is not a window boundary.
     */
    @ParameterizedTest
    @ValueSource(strings = {"PT10M", "PT7M", "PT1M"})
    void aSummaryIsQueryableUntilStreamTimeReachesItsWindowEndPlusTheRetention(String retention) {
        driver.close();
        Duration kept = Duration.parse(retention);
        open(stateDir.resolve(retention), kept);
        Instant windowStart = Instant.parse("2026-11-24T10:00:00Z");
        Instant expiry = windowStart.plus(Duration.ofMinutes(5)).plus(kept);
        buy("u-1", "p-1", "12.50", "2026-11-24T10:01:00Z");

        buy("u-2", "p-2", "1.00", expiry.minusMillis(1).toString());
        SummaryReader before = reader(kept);
        assertThat(before.user("u-1", null, null)).as("1 ms before the expiry").extracting(PurchaseSummary::windowStart)
                .containsExactly(windowStart);
        assertThat(before.latest("u-1")).as("1 ms before the expiry").isPresent();
        assertThat(before.window(windowStart)).extracting(PurchaseSummary::userId).containsExactly("u-1");
        // [from, to] to the nanosecond, though window starts are whole milliseconds
        assertThat(before.user("u-1", windowStart, windowStart)).hasSize(1);
        assertThat(before.user("u-1", windowStart.plusNanos(1), null)).isEmpty();
        assertThat(before.user("u-1", null, windowStart.minusNanos(1))).isEmpty();
        // a to before the first visible window: the cached store's fetch refuses a range that ends before it starts
        // ("segment interval has changed") when the two lie in different segments of its cache
        assertThat(before.user("u-1", null, windowStart.minus(Duration.ofDays(1)))).isEmpty();
        assertThat(before.user("u-1", Instant.EPOCH, Instant.EPOCH)).isEmpty();

        buy("u-2", "p-3", "1.00", expiry.toString());
        SummaryReader after = reader(kept);
        assertThat(after.user("u-1", null, null)).as("at the expiry").isEmpty();
        assertThat(after.latest("u-1")).as("at the expiry").isEmpty();
        assertThat(after.window(windowStart)).as("at the expiry").isEmpty();
        assertThat(after.user("u-2", null, null)).as("u-2's windows are younger").isNotEmpty();
    }

    /**
     * The summary store keeps its windows in segments of a fixed length (about 12 hours, {@code
     * SUMMARY_SEGMENT_INTERVAL}); one begins at 2026-11-27T10:02:30Z, between two windows of a user.
     */
    @Test
    void aUsersSummariesOnBothSidesOfAStoreSegmentBoundaryAreAllRead() {
        long segment = PurchaseTopology.SUMMARY_SEGMENT_INTERVAL.toMillis();
        Instant boundary = Instant.ofEpochMilli(Instant.parse("2026-11-27T10:02:30Z").toEpochMilli() / segment * segment);
        assertThat(boundary).isEqualTo(Instant.parse("2026-11-27T10:02:30Z"));
        buy("u-1", "p-1", "1.00", "2026-11-27T10:01:00Z");
        buy("u-1", "p-2", "2.00", "2026-11-27T10:06:00Z");
        buy("u-1", "p-3", "3.00", "2026-11-27T10:11:00Z");

        SummaryReader reader = reader(Duration.ofDays(1));
        List<Instant> starts = List.of(Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-27T10:05:00Z"),
                Instant.parse("2026-11-27T10:10:00Z"));
        assertThat(reader.user("u-1", null, null)).extracting(PurchaseSummary::windowStart).containsExactlyElementsOf(starts);
        assertThat(reader.user("u-1", starts.get(0), starts.get(1))).extracting(PurchaseSummary::windowStart)
                .containsExactlyElementsOf(starts.subList(0, 2));
        assertThat(reader.latest("u-1")).map(PurchaseSummary::windowStart).contains(starts.get(2));
        assertThat(reader.window(starts.get(0))).extracting(PurchaseSummary::totalAmount).containsExactly(new BigDecimal("1.00"));
    }

    private SummaryReader reader(Duration retention) {
        return new SummaryReader(driver.getWindowStore(PurchaseTopology.SUMMARY_STORE),
                driver.<String, Long>getKeyValueStore(PurchaseTopology.EMIT_STORE), Duration.ofMinutes(5).toMillis(),
                retention.toMillis());
    }

    @Test
    void summariesAnEarlierVersionStoredAsJsonAreAggregatedAndFinalised() {
        Instant start = Instant.parse("2026-11-24T10:00:00Z");
        PurchaseSummary legacy = new PurchaseSummary("u-1", start, start.plus(Duration.ofMinutes(5)), 2,
                new BigDecimal("17.50"), new BigDecimal("5.00"), new BigDecimal("12.50"));
        bytesStore().put(Bytes.wrap("u-1".getBytes(StandardCharsets.UTF_8)), Json.write(legacy), start.toEpochMilli());

        buy("u-1", "p-3", "0.25", "2026-11-24T10:03:00Z");
        assertThat(summaries.readValue()).isEqualTo("{\"userId\":\"u-1\",\"windowStart\":\"2026-11-24T10:00:00Z\","
                + "\"windowEnd\":\"2026-11-24T10:05:00Z\",\"count\":3,\"totalAmount\":17.75,\"minAmount\":0.25,\"maxAmount\":12.50}");

        buy("u-2", "p-4", "1.00", "2026-11-24T10:06:00Z");
        var closed = finals.readKeyValue();
        assertThat(closed.key).isEqualTo("u-1");
        assertThat(closed.value).isEqualTo("{\"userId\":\"u-1\",\"windowStart\":\"2026-11-24T10:00:00Z\","
                + "\"windowEnd\":\"2026-11-24T10:05:00Z\",\"count\":3,\"totalAmount\":17.75,\"minAmount\":0.25,\"maxAmount\":12.50}");
        assertThat(finals.isEmpty()).isTrue();
    }

    @Test
    void repartitionedRecordsAnEarlierVersionWroteAsPlainJsonAreAggregatedOrLate() {
        TestInputTopic<String, String> repartition = driver.createInputTopic(
                APP_ID + "-" + PurchaseTopology.REPARTITION + "-repartition", new StringSerializer(), new StringSerializer());
        String onTime = purchase("p-1", "u-1", "2.50", null, "2026-11-24T10:01:00Z");
        repartition.pipeInput("u-1", onTime, Instant.parse("2026-11-24T10:01:00Z"));
        assertThat(read(summaries.readValue()).totalAmount()).isEqualByComparingTo("2.50");

        buy("u-2", "p-2", "1.00", "2026-11-24T10:06:00Z");
        String late = purchase("p-3", "u-1", "1.50", null, "2026-11-24T10:02:00Z");
        repartition.pipeInput("u-1", late, Instant.parse("2026-11-24T10:02:00Z"));
        assertThat(new String(this.late.readValue(), StandardCharsets.UTF_8)).isEqualTo(late);
    }

    /**
     * Stream time is kept with the windows: after a restart a purchase for a closed window is still late and
     * the closed window is not finalised again. (The task's own stream time starts from nothing in a driver.)
     */
    @Test
    void streamTimeAndClosedWindowsSurviveARestart() throws IOException {
        driver.close();
        DriverState state = DriverState.under(stateDir, APP_ID);
        open(state.keep());
        buy("u-1", "p-1", "10.00", "2026-11-24T10:01:00Z");
        buy("u-2", "p-2", "1.00", "2026-11-24T10:06:00Z");
        assertThat(finals.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("u-1");

        driver.close();
        open(state.keep());
        buy("u-1", "p-3", "2.00", "2026-11-24T10:02:00Z");
        assertThat(late.readRecord().key()).isEqualTo("u-1");
        assertThat(summaries.isEmpty()).isTrue();
        buy("u-2", "p-4", "1.00", "2026-11-24T10:06:30Z");
        assertThat(finals.isEmpty()).as("10:00 window already final before the restart").isTrue();
        assertThat(read(summaries.readValue()).count()).isEqualTo(2);
    }

    /** An earlier version kept only the closed bound, no stream time: its finals are not emitted again. */
    @Test
    void finalsAnEarlierVersionEmittedAreNotEmittedAgain() throws IOException {
        driver.close();
        DriverState state = DriverState.under(stateDir, APP_ID);
        open(state.keep());
        long tenOClock = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();
        driver.<String, WindowTotals>getWindowStore(PurchaseTopology.SUMMARY_STORE)
                .put("u-1", WindowTotals.first(new BigDecimal("2.00")), tenOClock);
        driver.<String, Long>getKeyValueStore(PurchaseTopology.EMIT_STORE)
                .put("closed-until", Instant.parse("2026-11-24T10:05:00Z").toEpochMilli());

        driver.close();
        open(state.keep());
        buy("u-2", "p-1", "1.00", "2026-11-24T10:07:00Z");
        assertThat(finals.isEmpty()).as("the 10:00 window was final before the upgrade").isTrue();
        buy("u-1", "p-2", "3.00", "2026-11-24T10:04:00Z");
        assertThat(late.readRecord().key()).isEqualTo("u-1");
        buy("u-2", "p-3", "1.00", "2026-11-24T10:11:00Z");
        assertThat(finals.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("u-2");
    }

    /** The bytes under the store's serde and cache, where an earlier version's values are found after an upgrade. */
    @SuppressWarnings("unchecked")
    private WindowStore<Bytes, byte[]> bytesStore() {
        StateStore store = (StateStore) driver.getWindowStore(PurchaseTopology.SUMMARY_STORE);
        while (store instanceof WrappedStateStore<?, ?, ?> wrapped && wrapped.wrapped() instanceof WindowStore<?, ?>) {
            store = wrapped.wrapped();
        }
        return (WindowStore<Bytes, byte[]>) store;
    }
}
