package dev.streamsuite.model;

import static dev.streamsuite.model.InvalidRecordException.MISSING_FIELD;
import static dev.streamsuite.model.InvalidRecordException.OUT_OF_RANGE;
import static dev.streamsuite.model.InvalidRecordException.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldsTest {

    private static Fields fields(String json) {
        return Fields.of(Json.tree(Rec.utf8(json)));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(ThrowingCallable call, String code,
                                                                                String reason) {
        return assertThatThrownBy(call)
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(reason);
    }

    @Test
    void ofRejectsNullAndNonObjects() {
        assertRejected(() -> Fields.of(null), WRONG_TYPE, "value is not a JSON object");
        assertRejected(() -> Fields.of(Json.tree(Rec.utf8("[1]"))), WRONG_TYPE, "value is not a JSON object");
        assertRejected(() -> Fields.of(Json.tree(Rec.utf8("null"))), WRONG_TYPE, "value is not a JSON object");
    }

    @Test
    void limits() {
        assertThat(Fields.MAX_ID_LENGTH).isEqualTo(256);
        assertThat(Fields.MAX_MONEY_SCALE).isEqualTo(4);
    }

    @Test
    void idCountsCharactersNotUtf16Units() {
        String emoji256 = "😀".repeat(256);
        String emoji257 = "😀".repeat(257);

        assertThat(emoji256).hasSize(512); // UTF-16 code units
        assertThat(fields("{\"id\":" + Json.writeString(emoji256) + "}").id("id")).isEqualTo(emoji256);
        assertRejected(() -> fields("{\"id\":" + Json.writeString(emoji257) + "}").id("id"), OUT_OF_RANGE,
                "field 'id' is longer than 256 characters");
    }

    @Test
    void idOfExactly256And257Characters() {
        assertThat(fields("{\"id\":\"" + "x".repeat(256) + "\"}").id("id")).hasSize(256);
        assertThat(fields("{\"id\":\"" + "ユ".repeat(256) + "\"}").id("id")).hasSize(256);
        assertRejected(() -> fields("{\"id\":\"" + "x".repeat(257) + "\"}").id("id"), OUT_OF_RANGE,
                "field 'id' is longer than 256 characters");
        assertRejected(() -> fields("{\"id\":\"" + "ユ".repeat(257) + "\"}").id("id"), OUT_OF_RANGE,
                "field 'id' is longer than 256 characters");
    }

    @Test
    void idOfOneCharacter() {
        assertThat(fields("{\"id\":\"x\"}").id("id")).isEqualTo("x");
    }

    @Test
    void requiredTextMayBeEmptyButNotMissing() {
        assertThat(fields("{\"name\":\"\"}").requiredText("name")).isEmpty();
        assertRejected(() -> fields("{}").requiredText("name"), MISSING_FIELD, "required field 'name' is missing");
        assertRejected(() -> fields("{\"name\":null}").requiredText("name"), MISSING_FIELD,
                "required field 'name' is missing");
        assertRejected(() -> fields("{\"name\":1}").requiredText("name"), WRONG_TYPE, "field 'name' must be a string");
    }

    @Test
    void optionalText() {
        assertThat(fields("{}").text("email")).isNull();
        assertThat(fields("{\"email\":null}").text("email")).isNull();
        assertThat(fields("{\"email\":\"\"}").text("email")).isEmpty();
        assertThat(fields("{\"email\":\"ada@example.com\"}").text("email")).isEqualTo("ada@example.com");
        assertRejected(() -> fields("{\"email\":{}}").text("email"), WRONG_TYPE, "field 'email' must be a string");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "12.50, 12.50",
            "0.1, 0.1",
            "1E+2, 100",
            "1E2, 100",
            "1.00E+2, 100",
            "12.50000, 12.5000",
            "0.00000, 0.0000",
            "-4.000000000, -4.0000",
            "1.000000E+2, 100.0000",
            "-0.0001, -0.0001",
            "-1E+2, -100",
            "123456789012345678, 123456789012345678",
            "-999999999999999999.9999, -999999999999999999.9999",
            "5.1234, 5.1234",
    })
    void moneyIsExact(String json, String expected) {
        BigDecimal money = fields("{\"m\":" + json + "}").money("m");

        assertThat(money).isEqualTo(new BigDecimal(expected));
        assertThat(money.scale()).isBetween(0, 4);
        assertThat(money.toString()).isEqualTo(expected); // no exponent notation
    }

    @ParameterizedTest
    @ValueSource(strings = {"5.12345", "0.00001", "1E-5"})
    void moneyWithFiveDecimalsIsRejected(String json) {
        assertRejected(() -> fields("{\"m\":" + json + "}").money("m"), OUT_OF_RANGE,
                "field 'm' has more than 4 decimals");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890123456789", "1E+18", "1E+2147483647", "-1E+2147483647"})
    void moneyWithMoreThan18IntegerDigitsIsRejected(String json) {
        assertRejected(() -> fields("{\"m\":" + json + "}").money("m"), OUT_OF_RANGE,
                "field 'm' has more than 18 integer digits");
    }

    @Test
    void moneyMustBeANumber() {
        assertRejected(() -> fields("{\"m\":\"1\"}").money("m"), WRONG_TYPE, "field 'm' must be a JSON number");
        assertRejected(() -> fields("{}").money("m"), MISSING_FIELD, "required field 'm' is missing");
    }

    @Test
    void instantKeepsNanosAndNormalizesOffsets() {
        assertThat(fields("{\"t\":\"2026-11-24T10:03:12.123456789+02:00\"}").instant("t"))
                .isEqualTo(Instant.parse("2026-11-24T08:03:12.123456789Z"));
    }

    @Test
    void instantBoundaries() {
        assertThat(fields("{\"t\":\"1970-01-01T00:00:00Z\"}").instant("t")).isEqualTo(Instant.EPOCH);
        assertThat(fields("{\"t\":\"+10000-01-01T00:00:00Z\"}").instant("t"))
                .isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
        assertRejected(() -> fields("{\"t\":\"1969-12-31T23:59:59.999999999Z\"}").instant("t"), OUT_OF_RANGE,
                "field 't' lies before 1970-01-01T00:00:00Z");
        assertThatThrownBy(() -> fields("{\"t\":\"+999999999-12-31T23:59:59Z\"}").instant("t"))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.code()).isEqualTo(OUT_OF_RANGE))
                .hasMessageStartingWith("field 't' ");
    }

    @Test
    void instantNotAString() {
        assertRejected(() -> fields("{\"t\":0}").instant("t"), WRONG_TYPE, "field 't' must be a string");
    }

    @Test
    void instantWithoutOffset() {
        assertRejected(() -> fields("{\"t\":\"2026-11-24T10:03:12\"}").instant("t"), WRONG_TYPE,
                "field 't' is not an ISO-8601 instant with offset: '2026-11-24T10:03:12'");
    }

    @Test
    void integerWithMinimum() {
        assertThat(fields("{\"q\":1}").integer("q", 1)).isEqualTo(1);
        assertThat(fields("{\"q\":0}").integer("q", 0)).isZero();
        assertThat(fields("{\"q\":-5}").integer("q", -10)).isEqualTo(-5);
        assertRejected(() -> fields("{\"q\":0}").integer("q", 1), OUT_OF_RANGE, "field 'q' must be at least 1");
        assertRejected(() -> fields("{}").integer("q", 1), MISSING_FIELD, "required field 'q' is missing");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"1.0, 1", "2E+0, 2", "2.000, 2", "1E+3, 1000", "0.0, 0", "-0, 0", "2147483647, 2147483647"})
    void integerWrittenWithAZeroFractionOrAnExponentIsWhole(String json, int expected) {
        assertThat(fields("{\"q\":" + json + "}").integer("q", 0)).isEqualTo(expected);
    }

    @Test
    void integerWithAFractionIsNotWholeAndOneBeyondAnIntIsOutOfRange() {
        assertRejected(() -> fields("{\"q\":1.5}").integer("q", 1), WRONG_TYPE, "field 'q' must be a whole number");
        assertRejected(() -> fields("{\"q\":1E-9}").integer("q", 0), WRONG_TYPE, "field 'q' must be a whole number");
        assertRejected(() -> fields("{\"q\":\"2\"}").integer("q", 1), WRONG_TYPE, "field 'q' must be a whole number");
        assertRejected(() -> fields("{\"q\":2147483648}").integer("q", 1), OUT_OF_RANGE,
                "field 'q' must be at most 2147483647");
        assertRejected(() -> fields("{\"q\":99999999999999999999}").integer("q", 1), OUT_OF_RANGE,
                "field 'q' must be at most 2147483647");
        assertRejected(() -> fields("{\"q\":1E+2147483647}").integer("q", 1), OUT_OF_RANGE,
                "field 'q' must be at most 2147483647");
        assertRejected(() -> fields("{\"q\":-99999999999999999999}").integer("q", 1), OUT_OF_RANGE,
                "field 'q' must be at least 1");
    }

    @Test
    void anEscapedUnpairedSurrogateIsNoText() {
        assertRejected(() -> fields("{\"id\":\"u-\\ud800\"}").id("id"), WRONG_TYPE,
                "field 'id' is not valid Unicode (an unpaired surrogate)");
        assertRejected(() -> fields("{\"id\":\"u-\\udc00x\"}").requiredText("id"), WRONG_TYPE,
                "field 'id' is not valid Unicode (an unpaired surrogate)");
        assertRejected(() -> fields("{\"n\":\"\\ud83dA\"}").text("n"), WRONG_TYPE,
                "field 'n' is not valid Unicode (an unpaired surrogate)");
        assertRejected(() -> fields("{\"n\":\"x\\ude00\\ud83d\"}").text("n"), WRONG_TYPE,
                "field 'n' is not valid Unicode (an unpaired surrogate)");
        // a pair written as two escapes is one character
        assertThat(fields("{\"id\":\"u-\\ud83d\\ude00\"}").id("id")).isEqualTo("u-😀");
    }

    @Test
    void objectsReadsEachItemWithItsPath() {
        Fields f = fields("{\"xs\":[{\"n\":1},{\"n\":2}]}");

        assertThat(f.objects("xs", x -> x.integer("n", 0))).containsExactly(1, 2);
        assertRejected(() -> fields("{\"xs\":[{\"n\":1},{}]}").objects("xs", x -> x.integer("n", 0)), MISSING_FIELD,
                "required field 'xs[1].n' is missing");
        assertRejected(() -> fields("{\"xs\":[{\"n\":1},3]}").objects("xs", x -> x.integer("n", 0)), WRONG_TYPE,
                "field 'xs[1]' must be an object");
    }

    @Test
    void nestedObjectsGetNestedPaths() {
        Fields f = fields("{\"xs\":[{\"ys\":[{\"n\":0}]}]}");

        assertRejected(() -> f.objects("xs", x -> x.objects("ys", y -> y.integer("n", 1))), OUT_OF_RANGE,
                "field 'xs[0].ys[0].n' must be at least 1");
    }

    @Test
    void objectsAbsentNullOrEmpty() {
        assertThat(fields("{}").<Integer>objects("xs", x -> 1)).isNull();
        assertThat(fields("{\"xs\":null}").<Integer>objects("xs", x -> 1)).isNull();
        List<Integer> empty = fields("{\"xs\":[]}").objects("xs", x -> 1);
        assertThat(empty).isEmpty();
    }

    @Test
    void invalidNamesTheFieldWithItsPath() {
        InvalidRecordException e = fields("{}").invalid(OUT_OF_RANGE, "amount", "must not be zero");

        assertThat(e.code()).isEqualTo(OUT_OF_RANGE);
        assertThat(e.getMessage()).isEqualTo("field 'amount' must not be zero");
    }
}
