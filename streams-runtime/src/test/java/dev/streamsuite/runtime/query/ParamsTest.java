package dev.streamsuite.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ParamsTest {

    @Test
    void instantsWithOffsetsAreAccepted() {
        assertThat(Params.instant("from", "2026-11-24T10:00:00+01:00")).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(Params.instant("from", null)).isNull();
    }

    @Test
    void anUnencodedPlusOfAnOffsetArrivesAsASpaceAndIsReadAsPlus() {
        assertThat(Params.instant("from", "2026-11-24T10:00:00 01:00")).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThatThrownBy(() -> Params.instant("from", "2026-11-24 10:00:00Z")).isInstanceOf(ApiException.class)
                .hasMessageContaining("'2026-11-24 10:00:00Z'");
    }

    @Test
    void badValuesAre400s() {
        assertThatThrownBy(() -> Params.instant("from", "2026-11-24")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST));
        assertThatThrownBy(() -> Params.limit("0", 50)).hasMessageContaining("from 1 to 1000");
        assertThatThrownBy(() -> Params.limit("1001", 50)).hasMessageContaining("from 1 to 1000");
        assertThatThrownBy(() -> Params.limit("ten", 50)).hasMessageContaining("whole number");
        // Integer.parseInt takes these; a limit is ASCII digits
        assertThatThrownBy(() -> Params.limit("\u0665", 50)).hasMessageContaining("whole number"); // Arabic-Indic 5
        assertThatThrownBy(() -> Params.limit("\uFF11\uFF10", 50)).hasMessageContaining("whole number"); // fullwidth 10
        assertThatThrownBy(() -> Params.limit("+5", 50)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Params.ordered(Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T09:00:00Z")))
                .hasMessageContaining("after");
    }

    @Test
    void limitsInRangeAndDefault() {
        assertThat(Params.limit(null, 50)).isEqualTo(50);
        assertThat(Params.limit("1", 50)).isEqualTo(1);
        assertThat(Params.limit("1000", 50)).isEqualTo(1000);
    }
}
