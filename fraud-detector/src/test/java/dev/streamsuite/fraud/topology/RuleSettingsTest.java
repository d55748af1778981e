package dev.streamsuite.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuleSettingsTest {

    @Test
    void theStartUpLineNamesEverySettingAsThePropertiesDo() {
        assertThat(RuleSettings.defaults().describe()).isEqualTo("negative-balance on, velocity on (max-debits 5, window PT10M),"
                + " unusual-amount on (factor 5, min-history 3), country-change on (window PT1H)");
        RuleSettings changed = RuleSettings.defaults()
                .withNegativeBalance(new RuleSettings.NegativeBalance(false))
                .withUnusualAmount(new RuleSettings.UnusualAmount(true, new BigDecimal("2.5E0"), 1))
                .withCountryChange(new RuleSettings.CountryChange(false, Duration.ofMinutes(90)));
        assertThat(changed.describe()).isEqualTo("negative-balance off, velocity on (max-debits 5, window PT10M),"
                + " unusual-amount on (factor 2.5, min-history 1), country-change off (window PT1H30M)");
    }
}
