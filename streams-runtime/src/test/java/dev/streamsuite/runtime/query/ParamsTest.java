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
    void instantsBeyondTheFourDigitYearsAre400sNotOverflows() {
        assertThat(Params.instant("to", "9999-12-31T23:59:59.999999999Z")).isEqualTo(Params.LATEST);
        assertThat(Params.instant("from", "0000-01-01T00:00:00Z")).isEqualTo(Params.EARLIEST);
        assertThat(Params.instant("from", "0000-01-01T01:00:00+01:00")).isEqualTo(Params.EARLIEST);
        // past Long.MAX_VALUE milliseconds: toEpochMilli() would throw ArithmeticException (a 500)
        for (String far : new String[] {"+999999999-12-31T23:55:00Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59.999-00:01",
                "-999999999-01-01T00:00:00Z", "-0001-12-31T23:59:59.999Z"}) {
            assertThatThrownBy(() -> Params.instant("to", far)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(e.getMessage()).contains("parameter 'to' must lie from 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z");
            });
        }
    }

    @Test
    void limitsInRangeAndDefault() {
        assertThat(Params.limit(null, 50)).isEqualTo(50);
        assertThat(Params.limit("1", 50)).isEqualTo(1);
        assertThat(Params.limit("1000", 50)).isEqualTo(1000);
    }
}
