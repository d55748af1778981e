package dev.streamsuite.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"P7D, P7D", "PT168H, P7D", "P1DT12H, P1DT12H", "PT26H30M, P1DT2H30M", "P1DT0.5S, P1DT0.5S",
            "PT720H, P30D", "PT24H0.001S, P1DT0.001S"})
    void daysAreSplitOut(String given, String printed) {
        assertThat(Durations.text(Duration.parse(given))).isEqualTo(printed);
        assertThat(Duration.parse(printed)).isEqualTo(Duration.parse(given));
    }

    @ParameterizedTest
    @CsvSource({"PT0S", "PT15M", "PT23H59M59.999S", "PT1M30S", "PT-1M", "PT-48H"})
    void lessThanADayOrNegativeAsTheJdkPrintsIt(String given) {
        assertThat(Durations.text(Duration.parse(given))).isEqualTo(Duration.parse(given).toString());
    }

    @Test
    void aDayIsP1D() {
        assertThat(Durations.text(Duration.ofDays(1))).isEqualTo("P1D");
    }
}
