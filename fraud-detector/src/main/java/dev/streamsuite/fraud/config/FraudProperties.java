package dev.streamsuite.fraud.config;

import dev.streamsuite.fraud.topology.RuleSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param dedupRetention how long (of stream time after it was read) a transactionId is remembered
 * @param alertRetention how long (of event time after its timestamp) an alert stays queryable over HTTP
 * @param rules          the fraud rules: {@code fraud.rules.<rule>.enabled} and their parameters
 */
@Validated
@ConfigurationProperties("fraud")
public record FraudProperties(@NotNull @DurationMin(millis = 1) @DefaultValue("P7D") Duration dedupRetention,
                              @NotNull @DurationMin(millis = 1) @DefaultValue("P7D") Duration alertRetention,
                              @Valid @NotNull @DefaultValue Rules rules) {

    /** One section per rule, e.g. {@code fraud.rules.unusual-amount.factor}. */
    public record Rules(@Valid @NotNull @DefaultValue NegativeBalance negativeBalance,
                        @Valid @NotNull @DefaultValue Velocity velocity,
                        @Valid @NotNull @DefaultValue UnusualAmount unusualAmount,
                        @Valid @NotNull @DefaultValue CountryChange countryChange) {
    }

    /** @param enabled raise NEGATIVE_BALANCE when a transaction leaves the balance below zero */
    public record NegativeBalance(@DefaultValue("true") boolean enabled) {
    }

    /**
     * @param enabled   raise VELOCITY
     * @param maxDebits N: a debit alerts when more than N debits (it included) lie within the window; at most 1000,
     *                  since each user's state keeps N debit times and is rewritten with every transaction
     * @param window    M: the window of event time ending at the debit, both ends inclusive
     */
    public record Velocity(@DefaultValue("true") boolean enabled,
                           @Min(1) @Max(1000) @DefaultValue("5") int maxDebits,
                           @NotNull @DurationMin(millis = 0) @DefaultValue("PT10M") Duration window) {
    }

    /**
     * @param enabled    raise UNUSUAL_AMOUNT
     * @param factor     a debit alerts when its magnitude exceeds factor × the user's average earlier debit
     * @param minHistory how many earlier debits the user needs before the rule judges
     */
    public record UnusualAmount(@DefaultValue("true") boolean enabled,
                                @NotNull @DecimalMin(value = "0", inclusive = false) @DefaultValue("5") BigDecimal factor,
                                @Min(1) @DefaultValue("3") int minHistory) {
    }

    /**
     * @param enabled raise COUNTRY_CHANGE
     * @param window  the largest event-time distance to the previous transaction with a country that still alerts
     */
    public record CountryChange(@DefaultValue("true") boolean enabled,
                                @NotNull @DurationMin(millis = 0) @DefaultValue("PT1H") Duration window) {
    }

    /** The rules as the topology takes them. */
    public RuleSettings ruleSettings() {
        return new RuleSettings(new RuleSettings.NegativeBalance(rules.negativeBalance().enabled()),
                new RuleSettings.Velocity(rules.velocity().enabled(), rules.velocity().maxDebits(), rules.velocity().window()),
                new RuleSettings.UnusualAmount(rules.unusualAmount().enabled(), rules.unusualAmount().factor(),
                        rules.unusualAmount().minHistory()),
                new RuleSettings.CountryChange(rules.countryChange().enabled(), rules.countryChange().window()));
    }
}
