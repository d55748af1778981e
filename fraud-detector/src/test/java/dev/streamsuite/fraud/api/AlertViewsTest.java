package dev.streamsuite.fraud.api;

import static dev.streamsuite.fraud.topology.FraudDriver.T0;
import static dev.streamsuite.fraud.topology.FraudDriver.only;
import static dev.streamsuite.fraud.topology.FraudRules.NEGATIVE_BALANCE;
import static dev.streamsuite.fraud.topology.FraudRules.UNUSUAL_AMOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.fraud.topology.FraudDriver;
import dev.streamsuite.fraud.topology.FraudDriverTest;
import dev.streamsuite.model.FraudAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order and retention of the alert lists the HTTP API serves, read from the real alerts-store. */
class AlertViewsTest extends FraudDriverTest {

    private void scenario() {
        // u-1: a-1 at T0, then b-* and big at T0+1m (ties), c at T0+30s read last (out of order)
        fraud.send("a-1", "u-1", "-1", T0);
        fraud.send("b-2", "u-1", "-1", T0.plusSeconds(60));
        fraud.send("b-1", "u-1", "-1", T0.plusSeconds(60));
        fraud.send("big", "u-1", "-100", T0.plusSeconds(60));
        fraud.send("c", "u-1", "-1", T0.plusSeconds(30));
        // u-2 interleaves: one alert at T0+45s, one tying with u-1 at T0+1m
        fraud.send("x", "u-2", "-1", T0.plusSeconds(45));
        fraud.send("y", "u-2", "-1", T0.plusSeconds(60));
        // u-3 has no alerts
        fraud.send("z", "u-3", "1", T0.plusSeconds(90));
    }

    @Test
    void aUsersAlertsNewestTimestampFirstThenByAlertId() {
        fraud = new FraudDriver(stateDir, only(NEGATIVE_BALANCE, UNUSUAL_AMOUNT));
        scenario();

        assertThat(AlertViews.ofUser(fraud.alertStore(), "u-1")).extracting(FraudAlert::alertId).containsExactly(
                "b-1:NEGATIVE_BALANCE", "b-2:NEGATIVE_BALANCE", "big:NEGATIVE_BALANCE", "big:UNUSUAL_AMOUNT",
                "c:NEGATIVE_BALANCE", "a-1:NEGATIVE_BALANCE");
        assertThat(AlertViews.ofUser(fraud.alertStore(), "u-3")).isEmpty();
        assertThat(AlertViews.ofUser(fraud.alertStore(), "nobody")).isEmpty();
        FraudAlert big = AlertViews.ofUser(fraud.alertStore(), "u-1").get(3);
        assertThat(big.balance()).isEqualByComparingTo("-103");
        assertThat(big.amount()).isEqualByComparingTo("-100");
    }

    @Test
    void theMostRecentAlertsOfAllUsersUpToTheLimit() {
        fraud = new FraudDriver(stateDir, only(NEGATIVE_BALANCE, UNUSUAL_AMOUNT));
        scenario();

        List<String> all = List.of("b-1:NEGATIVE_BALANCE", "b-2:NEGATIVE_BALANCE", "big:NEGATIVE_BALANCE",
                "big:UNUSUAL_AMOUNT", "y:NEGATIVE_BALANCE", "x:NEGATIVE_BALANCE", "c:NEGATIVE_BALANCE",
                "a-1:NEGATIVE_BALANCE");
        assertThat(AlertViews.mostRecent(fraud.alertStore(), 1000)).extracting(FraudAlert::alertId).isEqualTo(all);
        for (int limit = 1; limit <= all.size(); limit++) {
            assertThat(AlertViews.mostRecent(fraud.alertStore(), limit)).extracting(FraudAlert::alertId)
                    .isEqualTo(all.subList(0, limit));
        }
        // merging the instances' parts: any split gives the same answer
        List<FraudAlert> parts = new ArrayList<>(AlertViews.ofUser(fraud.alertStore(), "u-2"));
        parts.addAll(AlertViews.ofUser(fraud.alertStore(), "u-1"));
        assertThat(AlertViews.merge(parts, 5)).extracting(FraudAlert::alertId).isEqualTo(all.subList(0, 5));
    }

    @Test
    void alertsLeaveTheStoreAfterTheAlertRetentionButStillReachTheTopic() {
        fraud = new FraudDriver(stateDir, only(NEGATIVE_BALANCE), Duration.ofDays(7), Duration.ofHours(1));
        fraud.send("a", "u-1", "-1", T0);
        fraud.send("b", "u-2", "-1", T0.plus(Duration.ofHours(1)).minusMillis(1));
        assertThat(AlertViews.mostRecent(fraud.alertStore(), 10)).extracting(FraudAlert::alertId)
                .containsExactly("b:NEGATIVE_BALANCE", "a:NEGATIVE_BALANCE");

        fraud.send("c", "u-2", "-1", T0.plus(Duration.ofHours(1)));
        assertThat(AlertViews.ofUser(fraud.alertStore(), "u-1")).isEmpty();
        // already older than the retention when raised: emitted, not kept
        fraud.send("d", "u-1", "-1", T0.minusSeconds(1));
        assertThat(AlertViews.mostRecent(fraud.alertStore(), 10)).extracting(FraudAlert::alertId)
                .containsExactly("c:NEGATIVE_BALANCE", "b:NEGATIVE_BALANCE");
        assertThat(fraud.readAlerts()).extracting(FraudAlert::alertId)
                .containsExactly("a:NEGATIVE_BALANCE", "b:NEGATIVE_BALANCE", "c:NEGATIVE_BALANCE", "d:NEGATIVE_BALANCE");
    }
}
