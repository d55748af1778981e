package dev.streamsuite.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void wholeDaysReadAsDays() {
        assertThat(Durations.text(Duration.ofDays(7))).isEqualTo("P7D");
        assertThat(Durations.text(Duration.ofDays(1))).isEqualTo("P1D");
        assertThat(Durations.text(Duration.ofDays(-2))).isEqualTo("P-2D");
        assertThat(Duration.parse(Durations.text(Duration.ofDays(-2)))).isEqualTo(Duration.ofDays(-2));
    }

    @Test
    void everythingElseAsTheJdkPrintsIt() {
        assertThat(Durations.text(Duration.ZERO)).isEqualTo("PT0S");
        assertThat(Durations.text(Duration.ofMinutes(15))).isEqualTo("PT15M");
        assertThat(Durations.text(Duration.ofHours(25))).isEqualTo("PT25H");
        assertThat(Durations.text(Duration.ofDays(1).plusMillis(1))).isEqualTo("PT24H0.001S");
    }
}
