package dev.streamsuite.fraud.topology;

import static dev.streamsuite.fraud.topology.FraudDriver.T0;
import static dev.streamsuite.fraud.topology.FraudDriver.only;
import static dev.streamsuite.fraud.topology.FraudRules.COUNTRY_CHANGE;
import static dev.streamsuite.fraud.topology.FraudRules.NEGATIVE_BALANCE;
import static dev.streamsuite.fraud.topology.FraudRules.UNUSUAL_AMOUNT;
import static dev.streamsuite.fraud.topology.FraudRules.VELOCITY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.FraudAlert;
import dev.streamsuite.model.Json;
import dev.streamsuite.runtime.topology.WindowStores;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Balances, de-duplication and NEGATIVE_BALANCE, record by record through the real topology. */
class FraudTopologyTest extends FraudDriverTest {

    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void balanceIsTheExactSumOfManySmallDecimals() {
        fraud = new FraudDriver(stateDir, RuleSettings.defaults());
        for (int i = 0; i < 1000; i++) {
            fraud.send("t-" + i, "u-1", "0.1", T0.plusSeconds(i));
        }
        fraud.send("a", "u-2", "0.1", T0);
        fraud.send("b", "u-2", "0.2", T0.plusSeconds(1));
        fraud.send("c", "u-2", "-0.3", T0.plusSeconds(2));
        fraud.send("d", "u-2", "0.0001", T0.plusSeconds(3));

        UserState u1 = fraud.state("u-1");
        assertThat(u1.balance()).isEqualByComparingTo("100");
        assertThat(u1.balance().toPlainString()).isEqualTo("100.0");
        assertThat(u1.transactionCount()).isEqualTo(1000);
        assertThat(u1.updatedAt()).isEqualTo(T0.plusSeconds(999));
        assertThat(Json.writeString(u1.toBalance("u-1")))
                .isEqualTo("{\"userId\":\"u-1\",\"balance\":100.0,\"transactionCount\":1000,\"updatedAt\":\"2026-11-24T10:16:39Z\"}");
        UserState u2 = fraud.state("u-2");
        assertThat(u2.balance().toPlainString()).isEqualTo("0.0001");
        assertThat(u2.transactionCount()).isEqualTo(4);
        assertThat(fraud.state("u-3")).isNull();
        // a balance that touches zero exactly is not below it
        assertThat(fraud.readAlerts()).isEmpty();
    }

    @Test
    void aDuplicateWithinTheRetentionChangesNothingAndRaisesNothing() {
        fraud = new FraudDriver(stateDir, RuleSettings.defaults());
        fraud.send("t-1", "u-1", "10.00", T0);
        fraud.send("t-2", "u-1", "-3.00", T0.plusSeconds(60));
        fraud.send("t-1", "u-1", "10.00", T0);
        // same id, other content: still the same transaction, and it must not raise NEGATIVE_BALANCE
        fraud.send("t-1", "u-1", "-50.00", T0.plusSeconds(120));
        fraud.send("t-2", "u-1", "-3.00", T0.plusSeconds(60));
        // the last moment t-1 is remembered: stream time one millisecond short of t-1's time + 7 days
        fraud.send("t-1", "u-1", "-50.00", T0.plus(WEEK).minusMillis(1));

        UserState u1 = fraud.state("u-1");
        assertThat(u1.balance().toPlainString()).isEqualTo("7.00");
        assertThat(u1.transactionCount()).isEqualTo(2);
        assertThat(u1.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(fraud.readAlerts()).isEmpty();
        assertThat(fraud.duplicates).isEqualTo(Map.of(FraudTopology.INPUT, 4));
        try (WindowStoreIterator<String> ids = fraud.transactionIds().fetch("t-1", Instant.EPOCH, WindowStores.END_OF_TIME)) {
            assertThat(ids.next().key).isEqualTo(T0.toEpochMilli());
            assertThat(ids.hasNext()).isFalse();
        }
    }

    @Test
    void anIdIsRememberedForTheRetentionFromTheStreamTimeItWasReadAt() {
        fraud = new FraudDriver(stateDir, RuleSettings.defaults());
        fraud.send("t-1", "u-1", "10.00", T0);
        // another user's transaction moves the partition's stream time to t-1's time + 7 days
        fraud.send("t-clock", "u-2", "1.00", T0.plus(WEEK));

        try (WindowStoreIterator<String> ids = fraud.transactionIds().fetch("t-1", Instant.EPOCH, WindowStores.END_OF_TIME)) {
            assertThat(ids.hasNext()).as("the window store has dropped t-1").isFalse();
        }
        fraud.send("t-1", "u-1", "10.00", T0);
        assertThat(fraud.state("u-1").balance().toPlainString()).isEqualTo("20.00");
        assertThat(fraud.state("u-1").transactionCount()).isEqualTo(2);
        // read again now, t-1 is remembered from now, though its own time is past the retention: re-sent, it is a
        // duplicate, whatever its time
        fraud.send("t-1", "u-1", "10.00", T0);
        fraud.send("t-1", "u-1", "-5.00", T0.plus(WEEK));
        fraud.send("t-clock", "u-2", "1.00", T0.plus(WEEK).plus(WEEK).minusMillis(1));
        fraud.send("t-1", "u-1", "10.00", T0);
        assertThat(fraud.state("u-1").balance().toPlainString()).isEqualTo("20.00");
        assertThat(fraud.state("u-1").transactionCount()).isEqualTo(2);
        assertThat(fraud.readAlerts()).isEmpty();

        // until stream time reaches the time it was read + 7 days
        fraud.send("t-clock", "u-2", "1.00", T0.plus(WEEK).plus(WEEK));
        fraud.send("t-1", "u-1", "-25.00", T0);
        assertThat(fraud.state("u-1").balance().toPlainString()).isEqualTo("-5.00");
        assertThat(fraud.state("u-1").transactionCount()).isEqualTo(3);
    }

    /**
     * Expired alerts stay hidden across a clean restart: Kafka Streams' window store judges expiry by the newest time
     * written to it, which it did not keep across a restart (measured: alerts past the retention listed again after a
     * SIGTERM until the next alert).
     */
    @Test
    void alertsPastTheRetentionStayHiddenAfterARestart() throws java.io.IOException {
        dev.streamsuite.testsupport.DriverState state = dev.streamsuite.testsupport.DriverState.under(stateDir,
                "fraud-detector-test");
        Duration retention = Duration.ofMinutes(10);
        fraud = new FraudDriver(state.keep(), only(NEGATIVE_BALANCE), WEEK, retention);
        fraud.send("r8", "u8", "-1", T0);
        fraud.send("r9", "u9", "-1", T0.plusSeconds(1));
        fraud.send("r11", "u11", "-1", T0.plus(retention)); // hides r8 (exactly the retention older), not r9
        assertThat(alertTimes("u8")).isEmpty();
        assertThat(alertTimes("u9")).containsExactly(T0.plusSeconds(1).toEpochMilli());

        fraud.close();
        fraud = new FraudDriver(state.keep(), only(NEGATIVE_BALANCE), WEEK, retention);
        assertThat(alertTimes("u8")).as("expired before the restart").isEmpty();
        assertThat(alertTimes("u9")).containsExactly(T0.plusSeconds(1).toEpochMilli());
        assertThat(alertTimes("u11")).containsExactly(T0.plus(retention).toEpochMilli());
    }

    private List<Long> alertTimes(String user) {
        List<Long> times = new java.util.ArrayList<>();
        try (WindowStoreIterator<AlertsAt> it = fraud.alertStore().fetch(user, Instant.EPOCH, WindowStores.END_OF_TIME)) {
            it.forEachRemaining(kv -> times.add(kv.key));
        }
        return times;
    }

    @Test
    void aShortRetentionExpiresIdsAsConfigured() {
        fraud = new FraudDriver(stateDir, RuleSettings.defaults(), Duration.ofMinutes(10), WEEK);
        fraud.send("t-1", "u-1", "1", T0);
        fraud.send("t-1", "u-1", "1", T0.plus(Duration.ofMinutes(10)).minusMillis(1));
        assertThat(fraud.state("u-1").balance()).isEqualByComparingTo("1");
        fraud.send("t-1", "u-1", "1", T0.plus(Duration.ofMinutes(10)));
        assertThat(fraud.state("u-1").balance()).isEqualByComparingTo("2");
        fraud.send("t-1", "u-1", "1", T0.plus(Duration.ofMinutes(15)));
        assertThat(fraud.state("u-1").balance()).isEqualByComparingTo("2");
    }

    @Test
    void everyTransactionThatLeavesTheBalanceBelowZeroRaisesOneAlert() {
        fraud = new FraudDriver(stateDir, only(NEGATIVE_BALANCE));
        String[][] steps = {
                {"t-1", "10.00"}, {"t-2", "-15.00"}, {"t-3", "-1"}, {"t-4", "20.00"}, {"t-5", "-14.00"},
                {"t-6", "-0.0001"}, {"t-7", "0.0001"}, {"t-8", "-0.0001"}, {"t-9", "5.0"},
        };
        for (int i = 0; i < steps.length; i++) {
            fraud.send(steps[i][0], "u-1", steps[i][1], T0.plusSeconds(60L * i));
        }
        fraud.send("t-2", "u-1", "-15.00", T0.plusSeconds(60));

        List<TestRecord<String, String>> records = fraud.readAlertRecords();
        assertThat(records).extracting(TestRecord::key).containsOnly("u-1");
        assertThat(records).extracting(TestRecord::getRecordTime)
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(300), T0.plusSeconds(420));
        List<JsonNode> alerts = records.stream().map(r -> Json.MAPPER.readTree(r.value())).toList();
        assertThat(alerts).extracting(a -> a.get("alertId").stringValue())
                .containsExactly("t-2:NEGATIVE_BALANCE", "t-3:NEGATIVE_BALANCE", "t-6:NEGATIVE_BALANCE", "t-8:NEGATIVE_BALANCE");
        assertThat(alerts).extracting(a -> a.get("balance").toString()).containsExactly("-5.00", "-6.00", "-0.0001", "-0.0001");
        assertThat(alerts).extracting(a -> a.get("amount").toString()).containsExactly("-15.00", "-1", "-0.0001", "-0.0001");
        JsonNode first = alerts.get(0);
        assertThat(first.get("userId").stringValue()).isEqualTo("u-1");
        assertThat(first.get("transactionId").stringValue()).isEqualTo("t-2");
        assertThat(first.get("rule").stringValue()).isEqualTo(NEGATIVE_BALANCE);
        assertThat(first.get("timestamp").stringValue()).isEqualTo("2026-11-24T10:01:00Z");
        assertThat(first.get("message").stringValue()).contains("-5.00");
        assertThat(fraud.state("u-1").balance().toPlainString()).isEqualTo("4.9999");
        assertThat(fraud.alertCounts).containsExactly(java.util.Map.entry(NEGATIVE_BALANCE, 4));
    }

    @Test
    void oneTransactionCanRaiseEveryRuleInAFixedOrder() {
        fraud = new FraudDriver(stateDir, RuleSettings.defaults());
        fraud.send("c-1", "u-1", "100", T0, "GB");
        for (int i = 1; i <= 5; i++) {
            fraud.send("d-" + i, "u-1", "-10", T0.plusSeconds(i), "GB");
        }
        fraud.send("big", "u-1", "-60.01", T0.plusSeconds(6), "FR");

        assertThat(fraud.readAlerts()).extracting(FraudAlert::alertId).containsExactly(
                "big:NEGATIVE_BALANCE", "big:VELOCITY", "big:UNUSUAL_AMOUNT", "big:COUNTRY_CHANGE");
        assertThat(fraud.state("u-1").balance().toPlainString()).isEqualTo("-10.01");
    }

    @Test
    void rulesSwitchedOffRaiseNothingButBalancesStayExact() {
        RuleSettings off = only();
        fraud = new FraudDriver(stateDir, off);
        fraud.send("c-1", "u-1", "100", T0, "GB");
        for (int i = 1; i <= 5; i++) {
            fraud.send("d-" + i, "u-1", "-10", T0.plusSeconds(i), "GB");
        }
        fraud.send("big", "u-1", "-60.01", T0.plusSeconds(6), "FR");

        assertThat(fraud.readAlerts()).isEmpty();
        assertThat(fraud.alertCounts).isEmpty();
        assertThat(fraud.state("u-1").balance().toPlainString()).isEqualTo("-10.01");
        assertThat(fraud.state("u-1").transactionCount()).isEqualTo(7);
    }

    @Test
    void alertsAreKeptPerUserAndTimestampForQueries() {
        fraud = new FraudDriver(stateDir, only(NEGATIVE_BALANCE, UNUSUAL_AMOUNT));
        for (int i = 1; i <= 3; i++) {
            fraud.send("d-" + i, "u-1", "-1", T0);
        }
        fraud.send("big", "u-1", "-100", T0);

        AlertsAt atT0 = fraud.alertStore().fetch("u-1", T0.toEpochMilli());
        assertThat(atT0.alerts()).extracting(FraudAlert::alertId).containsExactly("d-1:NEGATIVE_BALANCE",
                "d-2:NEGATIVE_BALANCE", "d-3:NEGATIVE_BALANCE", "big:NEGATIVE_BALANCE", "big:UNUSUAL_AMOUNT");
        assertThat(atT0.alerts().get(4).balance()).isEqualByComparingTo("-103");
    }

    @Test
    void alertsOfAnEarlierTimeJoinThoseAlreadyStoredAtThatTime() {
        fraud = new FraudDriver(stateDir, only(NEGATIVE_BALANCE));
        Instant later = T0.plus(Duration.ofMinutes(2));
        fraud.send("a", "u-1", "-1", T0);
        fraud.send("b", "u-1", "-1", later);
        // out of order: at a time before the user's newest alert, where "a" already has one
        fraud.send("c", "u-1", "-1", T0);
        fraud.send("d", "u-1", "-1", later);

        assertThat(fraud.alertStore().fetch("u-1", T0.toEpochMilli()).alerts()).extracting(FraudAlert::alertId)
                .containsExactly("a:NEGATIVE_BALANCE", "c:NEGATIVE_BALANCE");
        assertThat(fraud.alertStore().fetch("u-1", later.toEpochMilli()).alerts()).extracting(FraudAlert::alertId)
                .containsExactly("b:NEGATIVE_BALANCE", "d:NEGATIVE_BALANCE");
        assertThat(fraud.state("u-1").alertsUntil()).isEqualTo(later.toEpochMilli());
    }

    @Test
    void aTransactionWithinThePartitionsStreamTimeButLateIsStillApplied() {
        fraud = new FraudDriver(stateDir, only(NEGATIVE_BALANCE));
        fraud.send("t-1", "u-1", "5", T0.plus(Duration.ofDays(2)));
        fraud.send("t-0", "u-1", "-6", T0);

        assertThat(fraud.state("u-1").balance()).isEqualByComparingTo("-1");
        // updatedAt follows read order, not the newest event time
        assertThat(fraud.state("u-1").updatedAt()).isEqualTo(T0);
        List<FraudAlert> alerts = fraud.readAlerts();
        assertThat(alerts).extracting(FraudAlert::alertId).containsExactly("t-0:NEGATIVE_BALANCE");
        assertThat(alerts.get(0).balance()).isEqualByComparingTo(new BigDecimal("-1"));
        assertThat(alerts.get(0).timestamp()).isEqualTo(T0);
    }
}
