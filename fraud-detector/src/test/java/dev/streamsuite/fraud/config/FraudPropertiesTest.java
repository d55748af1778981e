package dev.streamsuite.fraud.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.fraud.topology.RuleSettings;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The documented property names and defaults bind as the README says. */
class FraudPropertiesTest {

    private static FraudProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("fraud", FraudProperties.class);
    }

    @Test
    void defaults() {
        FraudProperties p = bind(Map.of());
        assertThat(p.dedupRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(p.alertRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(p.ruleSettings()).isEqualTo(RuleSettings.defaults());
        assertThat(validate(Map.of())).isEmpty();
    }

    @Test
    void everyRuleIsSwitchableAndParameterised() {
        FraudProperties p = bind(Map.ofEntries(
                Map.entry("fraud.dedup-retention", "PT1H"),
                Map.entry("fraud.alert-retention", "P1D"),
                Map.entry("fraud.rules.negative-balance.enabled", "false"),
                Map.entry("fraud.rules.velocity.enabled", "false"),
                Map.entry("fraud.rules.velocity.max-debits", "3"),
                Map.entry("fraud.rules.velocity.window", "PT2M"),
                Map.entry("fraud.rules.unusual-amount.enabled", "false"),
                Map.entry("fraud.rules.unusual-amount.factor", "2.5"),
                Map.entry("fraud.rules.unusual-amount.min-history", "10"),
                Map.entry("fraud.rules.country-change.enabled", "false"),
                Map.entry("fraud.rules.country-change.window", "PT30M")));
        assertThat(p.dedupRetention()).isEqualTo(Duration.ofHours(1));
        assertThat(p.alertRetention()).isEqualTo(Duration.ofDays(1));
        RuleSettings r = p.ruleSettings();
        assertThat(r.negativeBalance().enabled()).isFalse();
        assertThat(r.velocity()).isEqualTo(new RuleSettings.Velocity(false, 3, Duration.ofMinutes(2)));
        assertThat(r.unusualAmount().enabled()).isFalse();
        assertThat(r.unusualAmount().factor()).isEqualByComparingTo("2.5");
        assertThat(r.unusualAmount().minHistory()).isEqualTo(10);
        assertThat(r.countryChange()).isEqualTo(new RuleSettings.CountryChange(false, Duration.ofMinutes(30)));
    }

    /** Each value out of range is reported under its own property name, as Spring Boot's start-up failure shows it. */
    @Test
    void valuesOutOfRangeAreNamedByProperty() {
        assertThat(validate(Map.of("fraud.dedup-retention", "PT0S", "fraud.alert-retention", "PT0.0001S",
                "fraud.rules.velocity.window", "-PT1M", "fraud.rules.country-change.window", "-PT1S")))
                .containsOnlyKeys("dedupRetention", "alertRetention", "rules.velocity.window", "rules.countryChange.window");
        assertThat(validate(Map.of("fraud.dedup-retention", "PT0.001S", "fraud.rules.velocity.window", "PT0S"))).isEmpty();
        // each user's state keeps max-debits times: bounded
        assertThat(validate(Map.of("fraud.rules.velocity.max-debits", "1001"))).containsOnlyKeys("rules.velocity.maxDebits");
        assertThat(validate(Map.of("fraud.rules.velocity.max-debits", "0"))).containsOnlyKeys("rules.velocity.maxDebits");
        assertThat(validate(Map.of("fraud.rules.velocity.max-debits", "1000"))).isEmpty();
    }

    /** Field errors by property path; Spring Boot validates the bound record with the same validator. */
    private static Map<String, String> validate(Map<String, String> properties) {
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            return factory.getValidator().validate(bind(properties)).stream()
                    .collect(Collectors.toMap(v -> v.getPropertyPath().toString(), ConstraintViolation::getMessage));
        }
    }
}
