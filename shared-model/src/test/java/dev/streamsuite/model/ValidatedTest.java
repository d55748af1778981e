package dev.streamsuite.model;

import static dev.streamsuite.model.InvalidRecordException.FUTURE_TIMESTAMP;
import static dev.streamsuite.model.InvalidRecordException.KEY_MISMATCH;
import static dev.streamsuite.model.InvalidRecordException.OUT_OF_RANGE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidatedTest {

    @Test
    void validCarriesTheValue() {
        Validated<String> v = Validated.valid("x");

        assertThat(v.isValid()).isTrue();
        assertThat(v.value()).isEqualTo("x");
        assertThat(v.code()).isNull();
        assertThat(v.reason()).isNull();
    }

    @Test
    void invalidCarriesCodeAndReason() {
        Validated<String> v = Validated.invalid(KEY_MISMATCH, "key 'u-2' differs from userId 'u-1'");

        assertThat(v.isValid()).isFalse();
        assertThat(v.value()).isNull();
        assertThat(v.code()).isEqualTo(KEY_MISMATCH);
        assertThat(v.reason()).isEqualTo("key 'u-2' differs from userId 'u-1'");
    }

    @Test
    void parseTurnsReaderFailuresIntoReasons() {
        Validated<String> v = Validated.parse(Rec.utf8("{\"a\":1}"), f -> {
            throw f.invalid(OUT_OF_RANGE, "a", "is odd");
        });

        assertThat(v).isEqualTo(Validated.invalid(OUT_OF_RANGE, "field 'a' is odd"));
    }

    @Test
    void parseReturnsTheReadValue() {
        assertThat(Validated.parse(Rec.utf8("{\"a\":\"b\"}"), f -> f.requiredText("a"))).isEqualTo(Validated.valid("b"));
    }

    @Test
    void invalidRecordExceptionIsCheapAndCarriesItsCode() {
        InvalidRecordException e = new InvalidRecordException(OUT_OF_RANGE, "field 'amount' must not be zero");

        assertThat(e.code()).isEqualTo(OUT_OF_RANGE);
        assertThat(e.getMessage()).isEqualTo("field 'amount' must not be zero");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.getCause()).isNull();
        e.addSuppressed(new RuntimeException());
        assertThat(e.getSuppressed()).isEmpty();
    }

    @Test
    void codesAreDistinctAndStable() {
        assertThat(new String[] {InvalidRecordException.INVALID_JSON, InvalidRecordException.MISSING_FIELD,
                InvalidRecordException.WRONG_TYPE, InvalidRecordException.OUT_OF_RANGE,
                InvalidRecordException.KEY_MISMATCH, InvalidRecordException.FUTURE_TIMESTAMP})
                .containsExactly("invalid-json", "missing-field", "wrong-type", "out-of-range", "key-mismatch",
                        "future-timestamp")
                .doesNotHaveDuplicates();
    }
}
