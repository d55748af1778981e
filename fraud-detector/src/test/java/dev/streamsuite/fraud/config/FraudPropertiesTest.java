package dev.streamsuite.fraud.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.fraud.topology.RuleSettings;
import java.time.Duration;
import java.util.Map;
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
        assertThat(p.isConsistent()).isTrue();
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

    @Test
    void aZeroRetentionIsInconsistent() {
        assertThat(bind(Map.of("fraud.dedup-retention", "PT0S")).isConsistent()).isFalse();
        assertThat(bind(Map.of("fraud.rules.velocity.window", "-PT1M")).isConsistent()).isFalse();
    }
}
