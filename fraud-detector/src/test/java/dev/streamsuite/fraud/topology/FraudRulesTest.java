package dev.streamsuite.fraud.topology;

import static dev.streamsuite.fraud.topology.FraudDriver.T0;
import static dev.streamsuite.fraud.topology.FraudDriver.only;
import static dev.streamsuite.fraud.topology.FraudRules.COUNTRY_CHANGE;
import static dev.streamsuite.fraud.topology.FraudRules.UNUSUAL_AMOUNT;
import static dev.streamsuite.fraud.topology.FraudRules.VELOCITY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.FraudAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VELOCITY, UNUSUAL_AMOUNT and COUNTRY_CHANGE just below, at and above their thresholds. */
class FraudRulesTest extends FraudDriverTest {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private List<String> alertIds() {
        return fraud.readAlerts().stream().map(FraudAlert::alertId).toList();
    }

    // VELOCITY: N = 5 debits, window M = PT10M, [t - M, t] inclusive

    @Test
    void velocityFiveDebitsWithinTheWindowAreNotMoreThanFive() {
        fraud = new FraudDriver(stateDir, only(VELOCITY));
        for (int i = 0; i < 5; i++) {
            fraud.send("d-" + i, "u-1", "-1", T0.plus(Duration.ofMinutes(2L * i)));
            // credits in between do not count
            fraud.send("c-" + i, "u-1", "1", T0.plus(Duration.ofMinutes(2L * i)).plusSeconds(1));
        }
        assertThat(alertIds()).isEmpty();
    }

    @ParameterizedTest(name = "6th debit {0} ms after the 1st: alert {1}")
    @CsvSource({
            "599999, true",   // just inside
            "600000, true",   // exactly M after the first: both ends of the window count
            "600001, false",  // the first has left the window: five debits
    })
    void velocitySixthDebitAtTheWindowsEdge(long sixthAfterMs, boolean alert) {
        fraud = new FraudDriver(stateDir, only(VELOCITY));
        for (int i = 0; i < 5; i++) {
            fraud.send("d-" + i, "u-1", "-1", T0.plusSeconds(60L * i));
        }
        fraud.send("d-5", "u-1", "-1", T0.plusMillis(sixthAfterMs));

        List<FraudAlert> alerts = fraud.readAlerts();
        if (alert) {
            assertThat(alerts).extracting(FraudAlert::alertId).containsExactly("d-5:VELOCITY");
            assertThat(alerts.get(0).balance()).isEqualByComparingTo("-6");
            assertThat(alerts.get(0).timestamp()).isEqualTo(T0.plusMillis(sixthAfterMs));
            assertThat(alerts.get(0).message()).isEqualTo("more than 5 debits within PT10M up to this debit at "
                    + T0.plusMillis(sixthAfterMs));
        } else {
            assertThat(alerts).isEmpty();
        }
    }

    @Test
    void velocityEveryDebitBeyondTheLimitAlertsAndDuplicatesDoNotCount() {
        fraud = new FraudDriver(stateDir, only(VELOCITY));
        for (int i = 0; i < 5; i++) {
            fraud.send("d-" + i, "u-1", "-1", T0.plusSeconds(i));
            fraud.send("d-" + i, "u-1", "-1", T0.plusSeconds(i));
        }
        assertThat(alertIds()).isEmpty();
        fraud.send("d-5", "u-1", "-1", T0.plusSeconds(5));
        fraud.send("d-6", "u-1", "-1", T0.plusSeconds(6));
        // another user's debits are not this user's
        fraud.send("x-1", "u-2", "-1", T0.plusSeconds(7));
        fraud.send("d-7", "u-1", "-1", T0.plus(TEN_MINUTES).plusSeconds(3));
        // window [3 s, 10 min 3 s]: d-3 .. d-7 are five
        assertThat(alertIds()).containsExactly("d-5:VELOCITY", "d-6:VELOCITY");
        // window [3 s, 10 min 3 s] again: d-3 .. d-7 remembered and in it, so six
        fraud.send("d-8", "u-1", "-1", T0.plus(TEN_MINUTES).plusSeconds(3));
        assertThat(alertIds()).containsExactly("d-8:VELOCITY");
    }

    @Test
    void velocityWithOtherParameters() {
        fraud = new FraudDriver(stateDir, only(VELOCITY).withVelocity(new RuleSettings.Velocity(true, 2, Duration.ofSeconds(30))));
        fraud.send("d-1", "u-1", "-1", T0);
        fraud.send("d-2", "u-1", "-1", T0.plusSeconds(10));
        fraud.send("d-3", "u-1", "-1", T0.plusSeconds(31));
        fraud.send("d-4", "u-1", "-1", T0.plusSeconds(40));
        assertThat(alertIds()).containsExactly("d-4:VELOCITY");
    }

    // UNUSUAL_AMOUNT: factor 5, at least 3 earlier debits

    @ParameterizedTest(name = "debit {0} after three debits of 100: alert {1}")
    @CsvSource({
            "-499.9999, false",
            "-500.00, false",  // exactly 5 x the average is not above it
            "-500.0001, true",
    })
    void unusualAmountAtFiveTimesTheAverage(String amount, boolean alert) {
        fraud = new FraudDriver(stateDir, only(UNUSUAL_AMOUNT));
        fraud.send("c-0", "u-1", "10000", T0);
        fraud.send("d-1", "u-1", "-100", T0.plusSeconds(1));
        // credits are not part of the debit history
        fraud.send("c-1", "u-1", "1", T0.plusSeconds(2));
        fraud.send("d-2", "u-1", "-100.00", T0.plusSeconds(3));
        fraud.send("d-3", "u-1", "-100", T0.plusSeconds(4));
        fraud.send("x", "u-1", amount, T0.plusSeconds(5));

        List<FraudAlert> alerts = fraud.readAlerts();
        if (alert) {
            assertThat(alerts).extracting(FraudAlert::alertId).containsExactly("x:UNUSUAL_AMOUNT");
            assertThat(alerts.get(0).message()).contains("average debit 100.0000").contains("3 earlier debits");
        } else {
            assertThat(alerts).isEmpty();
        }
    }

    @Test
    void unusualAmountNeedsEnoughHistory() {
        fraud = new FraudDriver(stateDir, only(UNUSUAL_AMOUNT));
        fraud.send("d-1", "u-1", "-1", T0);
        fraud.send("d-2", "u-1", "-1", T0.plusSeconds(1));
        fraud.send("big", "u-1", "-1000", T0.plusSeconds(2));
        assertThat(alertIds()).as("two earlier debits are too few").isEmpty();
        // the big one is history now: average (1 + 1 + 1000) / 3 = 334, x5 = 1670
        fraud.send("d-4", "u-1", "-1670", T0.plusSeconds(3));
        fraud.send("d-5", "u-1", "-2101.0001", T0.plusSeconds(4));
        // average (1002 + 1670) / 4 = 668, x5 = 3340 >= 2101.0001
        assertThat(alertIds()).isEmpty();
        fraud.send("d-6", "u-1", "-4773.0002", T0.plusSeconds(5));
        // average (2672 + 2101.0001) / 5 = 954.60002, x5 = 4773.0001 < 4773.0002
        assertThat(alertIds()).containsExactly("d-6:UNUSUAL_AMOUNT");
    }

    @ParameterizedTest(name = "debit {0} after 100, 100, 101: alert {1}")
    @CsvSource({
            "-501.6666, false", // 3 x 501.6666 = 1504.9998 < 5 x 301
            "-501.6667, true",  // 3 x 501.6667 = 1505.0001 > 5 x 301: no rounding of the average decides
    })
    void unusualAmountComparesWithTheExactAverage(String amount, boolean alert) {
        fraud = new FraudDriver(stateDir, only(UNUSUAL_AMOUNT));
        fraud.send("d-1", "u-1", "-100", T0);
        fraud.send("d-2", "u-1", "-100", T0.plusSeconds(1));
        fraud.send("d-3", "u-1", "-101", T0.plusSeconds(2));
        fraud.send("x", "u-1", amount, T0.plusSeconds(3));
        assertThat(alertIds()).isEqualTo(alert ? List.of("x:UNUSUAL_AMOUNT") : List.of());
    }

    @Test
    void unusualAmountWithOtherParameters() {
        fraud = new FraudDriver(stateDir, only(UNUSUAL_AMOUNT)
                .withUnusualAmount(new RuleSettings.UnusualAmount(true, new java.math.BigDecimal("1.5"), 1)));
        fraud.send("d-1", "u-1", "-10", T0);
        fraud.send("d-2", "u-1", "-15", T0.plusSeconds(1));
        fraud.send("d-3", "u-1", "-18.76", T0.plusSeconds(2));
        // d-2: 15 > 1.5 x 10 no; d-3: 18.76 > 1.5 x 12.5 = 18.75 yes
        assertThat(alertIds()).containsExactly("d-3:UNUSUAL_AMOUNT");
    }

    // COUNTRY_CHANGE: window PT1H, |t - t_prev| <= window

    @ParameterizedTest(name = "FR {0} ms after GB: alert {1}")
    @CsvSource({
            "3599999, true",
            "3600000, true",  // exactly one hour apart still counts
            "3600001, false",
            "-3600000, true", // out of order: the distance counts, not the direction
            "-3600001, false",
    })
    void countryChangeWithinAnHour(long afterMs, boolean alert) {
        fraud = new FraudDriver(stateDir, only(COUNTRY_CHANGE));
        Instant base = T0.plus(Duration.ofHours(2));
        fraud.send("t-1", "u-1", "5", base, "GB");
        fraud.send("t-2", "u-1", "-5", base.plusMillis(afterMs), "FR");

        List<FraudAlert> alerts = fraud.readAlerts();
        if (alert) {
            assertThat(alerts).extracting(FraudAlert::alertId).containsExactly("t-2:COUNTRY_CHANGE");
            assertThat(alerts.get(0).message()).isEqualTo("country FR differs from GB of the previous transaction "
                    + Duration.ofMillis(Math.abs(afterMs)) + " apart (at " + base + ")");
        } else {
            assertThat(alerts).isEmpty();
        }
    }

    @Test
    void countryChangeComparesWithTheLastTransactionThatHadACountry() {
        fraud = new FraudDriver(stateDir, only(COUNTRY_CHANGE));
        fraud.send("t-1", "u-1", "5", T0, "GB");
        fraud.send("t-2", "u-1", "-1", T0.plusSeconds(60), "gb");
        fraud.send("t-3", "u-1", "-1", T0.plusSeconds(120));
        fraud.send("t-4", "u-1", "-1", T0.plusSeconds(180), " ");
        fraud.send("t-5", "u-1", "-1", T0.plusSeconds(240), "FR");
        fraud.send("t-6", "u-1", "-1", T0.plusSeconds(300), "FR");
        fraud.send("t-7", "u-1", "-1", T0.plusSeconds(360), "DE");
        // another user's country is not this user's
        fraud.send("x-1", "u-2", "1", T0.plusSeconds(370), "US");
        fraud.send("t-8", "u-1", "-1", T0.plus(Duration.ofHours(2)), "GB");
        assertThat(alertIds()).containsExactly("t-5:COUNTRY_CHANGE", "t-7:COUNTRY_CHANGE");
    }

    @Test
    void countryChangeWithAnotherWindow() {
        fraud = new FraudDriver(stateDir, only(COUNTRY_CHANGE)
                .withCountryChange(new RuleSettings.CountryChange(true, Duration.ofMinutes(5))));
        fraud.send("t-1", "u-1", "5", T0, "GB");
        fraud.send("t-2", "u-1", "5", T0.plus(Duration.ofMinutes(5)), "FR");
        fraud.send("t-3", "u-1", "5", T0.plus(Duration.ofMinutes(11)), "GB");
        assertThat(alertIds()).containsExactly("t-2:COUNTRY_CHANGE");
    }

    @Test
    void eachRuleCanBeSwitchedOffAlone() {
        for (String off : List.of(VELOCITY, UNUSUAL_AMOUNT, COUNTRY_CHANGE, FraudRules.NEGATIVE_BALANCE)) {
            List<String> on = new java.util.ArrayList<>(List.of(VELOCITY, UNUSUAL_AMOUNT, COUNTRY_CHANGE,
                    FraudRules.NEGATIVE_BALANCE));
            on.remove(off);
            try (FraudDriver d = new FraudDriver(stateDir.resolve(off), only(on.toArray(String[]::new)))) {
                d.send("c-1", "u-1", "100", T0, "GB");
                for (int i = 1; i <= 5; i++) {
                    d.send("d-" + i, "u-1", "-10", T0.plusSeconds(i), "GB");
                }
                d.send("big", "u-1", "-60.01", T0.plusSeconds(6), "FR");
                List<String> rules = d.readAlerts().stream().map(FraudAlert::rule).toList();
                assertThat(rules).as("with %s off", off).hasSize(3).doesNotContain(off);
            }
        }
    }
}
