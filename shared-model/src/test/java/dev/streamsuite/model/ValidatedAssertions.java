package dev.streamsuite.model;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared assertions on {@link Validated} outcomes. */
final class ValidatedAssertions {

    private ValidatedAssertions() {
    }

    /** Asserts a valid outcome and returns its value. */
    static <T> T assertValid(Validated<T> result) {
        assertThat(result.isValid()).as("expected valid, got %s", result).isTrue();
        assertThat(result.code()).isNull();
        assertThat(result.reason()).isNull();
        assertThat(result.value()).isNotNull();
        return result.value();
    }

    /** Asserts bad input with the given code whose reason names {@code field} (quoted, as in the reasons). */
    static void assertInvalid(Validated<?> result, String code, String field) {
        assertInvalid(result, code);
        assertThat(result.reason()).as("reason of %s", result).contains("'" + field + "'");
    }

    /** Asserts bad input with the given code and a readable reason. */
    static void assertInvalid(Validated<?> result, String code) {
        assertThat(result.isValid()).as("expected invalid, got %s", result).isFalse();
        assertThat(result.value()).isNull();
        assertThat(result.code()).as("code of %s", result).isEqualTo(code);
        assertThat(result.reason()).isNotBlank();
    }
}
