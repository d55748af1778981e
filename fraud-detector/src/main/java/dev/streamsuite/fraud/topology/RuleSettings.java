package dev.streamsuite.fraud.topology;

import dev.streamsuite.runtime.config.Durations;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Which fraud rules run and their parameters (see the README for the exact definitions). A rule that is
 * switched off raises nothing, but the state it reads is still kept, so switching it on later judges
 * with the full history.
 */
public record RuleSettings(NegativeBalance negativeBalance, Velocity velocity, UnusualAmount unusualAmount,
                           CountryChange countryChange) {

    /** NEGATIVE_BALANCE: the balance after a transaction is below zero. */
    public record NegativeBalance(boolean enabled) {
    }

    /** VELOCITY: more than {@code maxDebits} debits within {@code window} of event time. */
    public record Velocity(boolean enabled, int maxDebits, Duration window) {
    }

    /** UNUSUAL_AMOUNT: a debit above {@code factor} × the average of at least {@code minHistory} earlier debits. */
    public record UnusualAmount(boolean enabled, BigDecimal factor, int minHistory) {
    }

    /** COUNTRY_CHANGE: another country than the previous transaction's, at most {@code window} apart. */
    public record CountryChange(boolean enabled, Duration window) {
    }

    /** The service's defaults: every rule on, 5 debits in PT10M, 5 × the average after 3 debits, PT1H. */
    public static RuleSettings defaults() {
        return new RuleSettings(new NegativeBalance(true), new Velocity(true, 5, Duration.ofMinutes(10)),
                new UnusualAmount(true, new BigDecimal("5"), 3), new CountryChange(true, Duration.ofHours(1)));
    }

    /** The settings in use as the properties name them ({@code fraud.rules.*}), for the start-up line. */
    public String describe() {
        return "negative-balance " + onOff(negativeBalance.enabled())
                + ", velocity " + onOff(velocity.enabled()) + " (max-debits " + velocity.maxDebits() + ", window " + Durations.text(velocity.window()) + ")"
                + ", unusual-amount " + onOff(unusualAmount.enabled()) + " (factor " + unusualAmount.factor().toPlainString()
                + ", min-history " + unusualAmount.minHistory() + ")"
                + ", country-change " + onOff(countryChange.enabled()) + " (window " + Durations.text(countryChange.window()) + ")";
    }

    private static String onOff(boolean enabled) {
        return enabled ? "on" : "off";
    }

    public RuleSettings withNegativeBalance(NegativeBalance rule) {
        return new RuleSettings(rule, velocity, unusualAmount, countryChange);
    }

    public RuleSettings withVelocity(Velocity rule) {
        return new RuleSettings(negativeBalance, rule, unusualAmount, countryChange);
    }

    public RuleSettings withUnusualAmount(UnusualAmount rule) {
        return new RuleSettings(negativeBalance, velocity, rule, countryChange);
    }

    public RuleSettings withCountryChange(CountryChange rule) {
        return new RuleSettings(negativeBalance, velocity, unusualAmount, rule);
    }
}
