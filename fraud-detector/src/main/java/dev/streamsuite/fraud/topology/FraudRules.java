package dev.streamsuite.fraud.topology;

import dev.streamsuite.model.FraudAlert;
import dev.streamsuite.model.Instants;
import dev.streamsuite.model.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules, as pure functions of one distinct transaction and the user's state before and after it.
 * Alerts of one transaction come in this fixed order: NEGATIVE_BALANCE, VELOCITY, UNUSUAL_AMOUNT,
 * COUNTRY_CHANGE. The exact definitions are in the README; the comments below restate the boundaries.
 */
public final class FraudRules {

    public static final String NEGATIVE_BALANCE = "NEGATIVE_BALANCE";
    public static final String VELOCITY = "VELOCITY";
    public static final String UNUSUAL_AMOUNT = "UNUSUAL_AMOUNT";
    public static final String COUNTRY_CHANGE = "COUNTRY_CHANGE";
    /** In the order a transaction's alerts are emitted. */
    public static final List<String> ALL = List.of(NEGATIVE_BALANCE, VELOCITY, UNUSUAL_AMOUNT, COUNTRY_CHANGE);

    private final RuleSettings settings;

    public FraudRules(RuleSettings settings) {
        this.settings = settings;
    }

    /** How many latest debit times the state must keep for VELOCITY (kept even while the rule is off). */
    int debitTimesToKeep() {
        return settings.velocity().maxDebits();
    }

    public List<FraudAlert> evaluate(Transaction t, UserState before, UserState after) {
        List<FraudAlert> alerts = new ArrayList<>(2);
        if (settings.negativeBalance().enabled() && after.balance().signum() < 0) {
            alerts.add(FraudAlert.of(t, NEGATIVE_BALANCE, after.balance(), "balance " + after.balance().toPlainString()
                    + " is below zero after transaction " + t.transactionId() + " of " + t.amount().toPlainString()));
        }
        if (settings.velocity().enabled() && t.isDebit()) {
            velocity(t, before, after, alerts);
        }
        if (settings.unusualAmount().enabled() && t.isDebit()) {
            unusualAmount(t, before, after, alerts);
        }
        if (settings.countryChange().enabled()) {
            countryChange(t, before, after, alerts);
        }
        return alerts;
    }

    /** More than N debits, this one included, with event time in [t - window, t] (both ends inclusive). */
    private void velocity(Transaction t, UserState before, UserState after, List<FraudAlert> alerts) {
        RuleSettings.Velocity rule = settings.velocity();
        Instant from = t.timestamp().minus(rule.window());
        int earlierInWindow = 0;
        for (Instant s : before.recentDebitTimes()) {
            if (!s.isBefore(from) && !s.isAfter(t.timestamp())) {
                earlierInWindow++;
            }
        }
        if (earlierInWindow + 1 > rule.maxDebits()) {
            alerts.add(FraudAlert.of(t, VELOCITY, after.balance(), "more than " + rule.maxDebits() + " debits within "
                    + rule.window() + " up to this debit at " + Instants.format(t.timestamp())));
        }
    }

    /**
     * |amount| > factor × (sum of |earlier debits| / their count), after at least minHistory earlier debits;
     * compared as |amount| × count > factor × sum, so no division rounds the boundary.
     */
    private void unusualAmount(Transaction t, UserState before, UserState after, List<FraudAlert> alerts) {
        RuleSettings.UnusualAmount rule = settings.unusualAmount();
        long n = before.debitCount();
        if (n < rule.minHistory() || n == 0) {
            return;
        }
        BigDecimal magnitude = t.amount().negate();
        if (magnitude.multiply(BigDecimal.valueOf(n)).compareTo(rule.factor().multiply(before.debitTotal())) > 0) {
            BigDecimal average = before.debitTotal().divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_EVEN);
            alerts.add(FraudAlert.of(t, UNUSUAL_AMOUNT, after.balance(), "debit of " + magnitude.toPlainString()
                    + " is more than " + rule.factor().toPlainString() + " x the average debit " + average.toPlainString()
                    + " of the " + n + " earlier debits"));
        }
    }

    /** Another country than the last transaction read with a country, their event times at most window apart. */
    private void countryChange(Transaction t, UserState before, UserState after, List<FraudAlert> alerts) {
        String country = UserState.country(t);
        if (country == null || before.lastCountry() == null || country.equals(before.lastCountry())) {
            return;
        }
        Duration apart = Duration.between(before.lastCountryAt(), t.timestamp()).abs();
        if (apart.compareTo(settings.countryChange().window()) <= 0) {
            alerts.add(FraudAlert.of(t, COUNTRY_CHANGE, after.balance(), "country " + country + " differs from "
                    + before.lastCountry() + " of the previous transaction " + apart + " apart (at "
                    + Instants.format(before.lastCountryAt()) + ")"));
        }
    }
}
