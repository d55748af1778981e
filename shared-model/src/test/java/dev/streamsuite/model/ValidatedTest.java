package dev.streamsuite.model;

import static dev.streamsuite.model.InvalidRecordException.FUTURE_TIMESTAMP;
import static dev.streamsuite.model.InvalidRecordException.KEY_MISMATCH;
import static dev.streamsuite.model.InvalidRecordException.OUT_OF_RANGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
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
    void checkKeepsAValidValueThatPasses() {
        Purchase p = Purchase.parse(Rec.purchase().bytes()).value();
        Validated<Purchase> v = Validated.valid(p);

        assertThat(v.check(x -> { })).isSameAs(v);
    }

    @Test
    void checkTurnsAFailedRuleIntoAReason() {
        String key = "u-2";
        Validated<Purchase> v = Purchase.parse(Rec.purchase().bytes()).check(p -> {
            if (!p.userId().equals(key)) {
                throw new InvalidRecordException(KEY_MISMATCH, "record key '" + key + "' differs from userId '"
                        + p.userId() + "'");
            }
        });

        assertThat(v.isValid()).isFalse();
        assertThat(v.value()).isNull();
        assertThat(v.code()).isEqualTo(KEY_MISMATCH);
        assertThat(v.reason()).isEqualTo("record key 'u-2' differs from userId 'u-1'");
    }

    @Test
    void checkIsNotAppliedToInvalidValuesAndTheFirstFailureWins() {
        AtomicInteger calls = new AtomicInteger();
        Validated<Purchase> first = Purchase.parse(Rec.purchase().raw("amount", "0").bytes());

        Validated<Purchase> after = first
                .check(p -> calls.incrementAndGet())
                .check(p -> {
                    throw new InvalidRecordException(FUTURE_TIMESTAMP, "too late");
                });

        assertThat(calls).hasValue(0);
        assertThat(after).isSameAs(first);
        assertThat(after.code()).isEqualTo(OUT_OF_RANGE);
    }

    @Test
    void chainedChecksStopAtTheFirstFailure() {
        AtomicInteger calls = new AtomicInteger();
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        Validated<Purchase> v = Purchase.parse(Rec.purchase().str("timestamp", "2026-11-24T11:00:00Z").bytes())
                .check(p -> {
                    if (p.timestamp().isAfter(now.plus(Duration.ofMinutes(15)))) {
                        throw new InvalidRecordException(FUTURE_TIMESTAMP, "field 'timestamp' lies in the future");
                    }
                })
                .check(p -> calls.incrementAndGet());

        assertThat(calls).hasValue(0);
        assertThat(v.code()).isEqualTo(FUTURE_TIMESTAMP);
        assertThat(v.reason()).contains("'timestamp'");
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
