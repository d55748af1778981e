package dev.streamsuite.model;

import static dev.streamsuite.model.InvalidRecordException.INVALID_JSON;
import static dev.streamsuite.model.InvalidRecordException.MISSING_FIELD;
import static dev.streamsuite.model.InvalidRecordException.OUT_OF_RANGE;
import static dev.streamsuite.model.InvalidRecordException.WRONG_TYPE;
import static dev.streamsuite.model.ValidatedAssertions.assertInvalid;
import static dev.streamsuite.model.ValidatedAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PurchaseTest {

    private static Validated<Purchase> parse(Rec rec) {
        return Purchase.parse(rec.bytes());
    }

    private static Validated<Purchase> parse(String json) {
        return Purchase.parse(Rec.utf8(json));
    }

    @Nested
    class Valid {

        @Test
        void parsesTheContractExample() {
            Purchase p = assertValid(parse(
                    "{\"purchaseId\":\"p-1\",\"userId\":\"u-1\",\"amount\":12.50,\"type\":\"PURCHASE\","
                            + "\"timestamp\":\"2026-11-24T10:03:12Z\"}"));

            assertThat(p).isEqualTo(new Purchase("p-1", "u-1", new BigDecimal("12.50"), "PURCHASE",
                    Instant.parse("2026-11-24T10:03:12Z")));
            assertThat(p.amount().toPlainString()).isEqualTo("12.50");
            assertThat(p.amount().scale()).isEqualTo(2);
            assertThat(p.counts()).isTrue();
        }

        @ParameterizedTest(name = "{0} reads as {1}")
        @CsvSource({
                "12.50, 12.50",
                "0.1, 0.1",
                "1E+2, 100",
                "1e2, 100",
                "1.5E+1, 15",
                "1.5E-3, 0.0015",
                "100, 100",
                "7, 7",
                "0.0001, 0.0001",
                "12.50000, 12.5000",
                "45.1230000000, 45.1230",
                "999999999999999999.9999, 999999999999999999.9999",
                "999999999999999999, 999999999999999999",
        })
        void readsMoneyExactly(String json, String expected) {
            Purchase p = assertValid(parse(Rec.purchase().raw("amount", json)));

            assertThat(p.amount()).isEqualTo(new BigDecimal(expected)); // equals compares scale too
            assertThat(p.amount().toPlainString()).isEqualTo(expected);
        }

        @Test
        void sumsOfReadAmountsAreExact() {
            BigDecimal a = assertValid(parse(Rec.purchase().raw("amount", "0.1"))).amount();
            BigDecimal b = assertValid(parse(Rec.purchase().raw("amount", "0.2"))).amount();

            assertThat(a.add(b)).isEqualTo(new BigDecimal("0.3"));
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
                "2026-11-24T10:03:12Z, 2026-11-24T10:03:12Z",
                "2026-11-24T10:03:12.345Z, 2026-11-24T10:03:12.345Z",
                "2026-11-24T10:03:12.123456789Z, 2026-11-24T10:03:12.123456789Z",
                "2026-11-24T10:03:12+01:00, 2026-11-24T09:03:12Z",
                "2026-11-24T10:03:12.345+01:00, 2026-11-24T09:03:12.345Z",
                "2026-11-24T10:03:12-05:30, 2026-11-24T15:33:12Z",
                "2026-11-24T10:03:12+00:00, 2026-11-24T10:03:12Z",
                "2026-11-24T10:03:12+01, 2026-11-24T09:03:12Z",
                "2026-11-24T00:30:00+01:00, 2026-11-23T23:30:00Z",
                "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
                "1970-01-01T01:00:00+01:00, 1970-01-01T00:00:00Z",
        })
        void readsTimestampWithOffset(String json, String expected) {
            Purchase p = assertValid(parse(Rec.purchase().str("timestamp", json)));

            assertThat(p.timestamp()).isEqualTo(Instant.parse(expected));
        }

        @Test
        void missingTypeMeansPurchase() {
            Purchase p = assertValid(parse(Rec.purchase().without("type")));

            assertThat(p.type()).isEqualTo(Purchase.PURCHASE);
            assertThat(p.counts()).isTrue();
        }

        @Test
        void nullTypeMeansPurchase() {
            Purchase p = assertValid(parse(Rec.purchase().raw("type", "null")));

            assertThat(p.type()).isEqualTo("PURCHASE");
            assertThat(p.counts()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"-12.50", "0", "0.00", "30.00"})
        void refundOfAnyAmountIsValidAndDoesNotCount(String amount) {
            Purchase p = assertValid(parse(Rec.purchase().str("type", "REFUND").raw("amount", amount)));

            assertThat(p.type()).isEqualTo("REFUND");
            assertThat(p.amount()).isEqualTo(new BigDecimal(amount));
            assertThat(p.counts()).isFalse();
        }

        @Test
        void otherTypesAreValidAndDoNotCount() {
            Purchase p = assertValid(parse(Rec.purchase().str("type", "GIFT_CARD").raw("amount", "-1")));

            assertThat(p.counts()).isFalse();
        }

        @Test
        void smallestPositiveAmountIsAValidPurchase() {
            Purchase p = assertValid(parse(Rec.purchase().raw("amount", "0.0001")));

            assertThat(p.amount()).isEqualTo(new BigDecimal("0.0001"));
        }

        @Test
        void unknownFieldsAreIgnored() {
            Purchase p = assertValid(parse(Rec.purchase()
                    .str("note", "gift")
                    .raw("schemaVersion", "2")
                    .raw("tags", "[\"a\",1,null,{\"x\":[]}]")
                    .raw("meta", "{\"nested\":{\"deep\":true},\"amount\":\"not money\"}")
                    .raw("extraNull", "null")));

            assertThat(p).isEqualTo(new Purchase("p-1", "u-1", new BigDecimal("12.50"), "PURCHASE",
                    Instant.parse("2026-11-24T10:03:12Z")));
        }

        @Test
        void fieldOrderAndWhitespaceDoNotMatter() {
            Purchase p = assertValid(parse(" {\n \"timestamp\" : \"2026-11-24T10:03:12Z\" ,\t\"amount\":5 ,"
                    + "\"userId\":\"u-1\",\r\n\"purchaseId\":\"p-1\"}\n"));

            assertThat(p).isEqualTo(new Purchase("p-1", "u-1", new BigDecimal("5"), "PURCHASE",
                    Instant.parse("2026-11-24T10:03:12Z")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"ユーザー-1", "😀", "user-😀-🚀", "Zoë Ångström", "用户", "a b", "Ünïcödé/ä%20?#"})
        void unicodeIdsAreValid(String id) {
            Purchase p = assertValid(parse(Rec.purchase().str("userId", id).str("purchaseId", id)));

            assertThat(p.userId()).isEqualTo(id);
            assertThat(p.purchaseId()).isEqualTo(id);
        }

        @Test
        void unicodeEscapesAreDecoded() {
            Purchase p = assertValid(parse(Rec.purchase().raw("userId", "\"\\u30e6\\u30fc\\u30b6\\u30fc-1\"")
                    .raw("purchaseId", "\"\\ud83d\\ude00\"")));

            assertThat(p.userId()).isEqualTo("ユーザー-1");
            assertThat(p.purchaseId()).isEqualTo("😀");
        }

        @Test
        void idsAreKeptExactlyIncludingSurroundingSpaces() {
            Purchase p = assertValid(parse(Rec.purchase().str("userId", " u-1 ")));

            assertThat(p.userId()).isEqualTo(" u-1 ");
        }

        @Test
        void idOf256CharactersIsValid() {
            String id = "u".repeat(256);

            assertThat(assertValid(parse(Rec.purchase().str("userId", id))).userId()).isEqualTo(id);
        }
    }

    @Nested
    class Invalid {

        @Test
        void nullValue() {
            Validated<Purchase> result = Purchase.parse(null);

            assertInvalid(result, MISSING_FIELD);
            assertThat(result.reason()).isEqualTo("value is null");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "not json",
                "{",
                "{\"purchaseId\":",
                "{\"purchaseId\":\"p-1\"",
                "{'purchaseId':'p-1'}",
                "{purchaseId:\"p-1\"}",
                "{\"purchaseId\":\"p-1\",}",
        })
        void notJson(String text) {
            Validated<Purchase> result = parse(text);

            assertInvalid(result, INVALID_JSON);
            assertThat(result.reason()).startsWith("value is not valid JSON");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "[]",
                "[{\"purchaseId\":\"p-1\",\"userId\":\"u-1\",\"amount\":1,\"timestamp\":\"2026-11-24T10:03:12Z\"}]",
                "\"p-1\"",
                "42",
                "12.50",
                "true",
                "null",
        })
        void jsonThatIsNotAnObject(String text) {
            Validated<Purchase> result = parse(text);

            assertInvalid(result, WRONG_TYPE);
            assertThat(result.reason()).isEqualTo("value is not a JSON object");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n"})
        void emptyValue(String text) {
            Validated<Purchase> result = parse(text);

            assertThat(result.isValid()).isFalse();
            assertThat(result.value()).isNull();
            assertThat(result.code()).isIn(INVALID_JSON, WRONG_TYPE);
            assertThat(result.reason()).isNotBlank();
        }

        @Test
        void trailingContentAfterTheObject() {
            assertInvalid(parse(Rec.purchase().text() + " x"), INVALID_JSON);
            assertInvalid(parse(Rec.purchase().text() + "{}"), INVALID_JSON);
            assertInvalid(parse(Rec.purchase().text() + Rec.purchase().text()), INVALID_JSON);
        }

        @Test
        void invalidUtf8() {
            byte[] bytes = Rec.purchase().str("userId", "u-@").bytes();
            int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf('@');
            bytes[at] = (byte) 0xFF;

            assertInvalid(Purchase.parse(bytes), INVALID_JSON);
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "+1", ".5", "012", "0x10", "1.", "--1"})
        void nonStandardNumbers(String amount) {
            assertInvalid(parse(Rec.purchase().raw("amount", amount)), INVALID_JSON);
        }

        @Test
        void comments() {
            assertInvalid(parse("/* c */" + Rec.purchase().text()), INVALID_JSON);
        }

        @Test
        void excessiveNesting() {
            String deep = "[".repeat(2000) + "]".repeat(2000);

            assertInvalid(parse(Rec.purchase().raw("extra", deep)), INVALID_JSON);
        }

        @ParameterizedTest
        @ValueSource(strings = {"purchaseId", "userId", "amount", "timestamp"})
        void missingRequiredField(String field) {
            Validated<Purchase> result = parse(Rec.purchase().without(field));

            assertInvalid(result, MISSING_FIELD, field);
            assertThat(result.reason()).isEqualTo("required field '" + field + "' is missing");
        }

        @ParameterizedTest
        @ValueSource(strings = {"purchaseId", "userId", "amount", "timestamp"})
        void requiredFieldIsJsonNull(String field) {
            assertInvalid(parse(Rec.purchase().raw(field, "null")), MISSING_FIELD, field);
        }

        @Test
        void emptyObject() {
            assertInvalid(parse("{}"), MISSING_FIELD);
        }

        @ParameterizedTest(name = "{0} = {1}")
        @CsvSource(delimiter = '|', value = {
                "amount|\"12.5\"",
                "amount|\"12.50\"",
                "amount|true",
                "amount|[12.5]",
                "amount|{\"value\":12.5}",
                "purchaseId|1",
                "purchaseId|1.5",
                "userId|42",
                "userId|true",
                "userId|[\"u-1\"]",
                "userId|{\"id\":\"u-1\"}",
                "type|1",
                "type|true",
                "type|[\"PURCHASE\"]",
                "timestamp|1764000000000",
                "timestamp|true",
        })
        void wrongType(String field, String json) {
            Validated<Purchase> result = parse(Rec.purchase().raw(field, json));

            assertInvalid(result, WRONG_TYPE, field);
        }

        @Test
        void amountAsStringNamesTheField() {
            assertThat(parse(Rec.purchase().str("amount", "12.5")).reason())
                    .isEqualTo("field 'amount' must be a JSON number");
        }

        @Test
        void idAsNumberNamesTheField() {
            assertThat(parse(Rec.purchase().raw("purchaseId", "1")).reason())
                    .isEqualTo("field 'purchaseId' must be a string");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "   ", "\t", "\n", " \t\r\n "})
        void blankId(String id) {
            Validated<Purchase> result = parse(Rec.purchase().str("userId", id));

            assertInvalid(result, OUT_OF_RANGE, "userId");
            assertThat(result.reason()).isEqualTo("field 'userId' must not be blank");
        }

        @Test
        void blankPurchaseId() {
            assertInvalid(parse(Rec.purchase().str("purchaseId", "")), OUT_OF_RANGE, "purchaseId");
        }

        @Test
        void idOf257Characters() {
            Validated<Purchase> result = parse(Rec.purchase().str("purchaseId", "p".repeat(257)));

            assertInvalid(result, OUT_OF_RANGE, "purchaseId");
            assertThat(result.reason()).contains("256");
        }

        @ParameterizedTest
        @ValueSource(strings = {"12.12345", "0.00001", "12.50001", "1E-5", "0.123456789", "-12.12345"})
        void moneyWithMoreThanFourDecimals(String amount) {
            Validated<Purchase> result = parse(Rec.purchase().str("type", "REFUND").raw("amount", amount));

            assertInvalid(result, OUT_OF_RANGE, "amount");
            assertThat(result.reason()).contains("more than 4 decimals");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1000000000000000000", "1E+18", "1E+19", "9999999999999999999.5",
                "123456789012345678901234567890", "1E+300", "1E+2147483647", "-1E+2147483647"})
        void moneyWithTooManyIntegerDigits(String amount) {
            Validated<Purchase> result = parse(Rec.purchase().str("type", "REFUND").raw("amount", amount));

            assertInvalid(result, OUT_OF_RANGE, "amount");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1E+2147483648", "1E-2147483648", "1E+9999999999", "1E-9999999999"})
        void numbersBeyondTheRangeOfBigDecimalAreBadInputNotACrash(String amount) {
            Validated<Purchase> result = parse(Rec.purchase().raw("amount", amount));

            assertThat(result.isValid()).isFalse();
            assertThat(result.code()).isEqualTo(OUT_OF_RANGE);
            assertThat(result.reason()).isNotBlank();
        }

        @ParameterizedTest
        @ValueSource(strings = {"1E-2147483647", "1E-1000"})
        void vanishinglySmallMoney(String amount) {
            assertInvalid(parse(Rec.purchase().raw("amount", amount)), OUT_OF_RANGE, "amount");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.0", "0.0000", "-0", "-0.0", "0E+5", "-0.01", "-12.50", "-1E+2"})
        void purchaseAmountMustBePositive(String amount) {
            Validated<Purchase> result = parse(Rec.purchase().raw("amount", amount));

            assertInvalid(result, OUT_OF_RANGE, "amount");
            assertThat(result.reason()).isEqualTo("field 'amount' must be greater than 0 for a PURCHASE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5.00"})
        void implicitPurchaseAmountMustBePositive(String amount) {
            assertInvalid(parse(Rec.purchase().without("type").raw("amount", amount)), OUT_OF_RANGE, "amount");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "2026-11-24T10:03:12",
                "2026-11-24T10:03:12.345",
                "2026-11-24",
                "10:03:12Z",
                "2026-11-24 10:03:12Z",
                "2026-11-24T10:03:12 Z",
                "2026-11-24T10:03:12 +01:00",
                "2026-11-24T10:03:12Z[Europe/London]",
                "2026-13-24T10:03:12Z",
                "2026-02-30T10:03:12Z",
                "2026-11-24T24:03:12Z",
                "2026-11-24T10:03:60Z",
                "1764000000000",
                "yesterday",
                "",
        })
        void timestampWithoutOffsetOrNotAnInstant(String timestamp) {
            Validated<Purchase> result = parse(Rec.purchase().str("timestamp", timestamp));

            assertInvalid(result, WRONG_TYPE, "timestamp");
            assertThat(result.reason()).contains("ISO-8601");
        }

        @Test
        void longBadTimestampIsAbbreviatedInTheReason() {
            Validated<Purchase> result = parse(Rec.purchase().str("timestamp", "x".repeat(10_000)));

            assertInvalid(result, WRONG_TYPE, "timestamp");
            assertThat(result.reason()).isEqualTo("field 'timestamp' is not an ISO-8601 instant with offset: '"
                    + "x".repeat(64) + "…(9936 more characters)'");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "1969-12-31T23:59:59Z",
                "1969-12-31T23:59:59.999Z",
                "1969-12-31T23:59:59.999999999Z",
                "1970-01-01T00:30:00+01:00",
                "1900-01-01T00:00:00Z",
                "0001-01-01T00:00:00Z",
        })
        void timestampBefore1970(String timestamp) {
            Validated<Purchase> result = parse(Rec.purchase().str("timestamp", timestamp));

            assertInvalid(result, OUT_OF_RANGE, "timestamp");
            assertThat(result.reason()).contains("1970");
        }

        @ParameterizedTest
        @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "+300000000-01-01T00:00:00Z"})
        void timestampBeyondEpochMillisIsBadInputNotACrash(String timestamp) {
            assertInvalid(parse(Rec.purchase().str("timestamp", timestamp)), OUT_OF_RANGE, "timestamp");
        }

        @Test
        void duplicateKeys() {
            Validated<Purchase> result = parse("{\"purchaseId\":\"p-1\",\"userId\":\"u-1\",\"amount\":12.50,"
                    + "\"amount\":99.00,\"timestamp\":\"2026-11-24T10:03:12Z\"}");

            assertInvalid(result, INVALID_JSON);
            assertThat(result.reason()).contains("amount");
        }

        @Test
        void duplicateKeysWithTheSameValue() {
            assertInvalid(parse("{\"purchaseId\":\"p-1\",\"purchaseId\":\"p-1\",\"userId\":\"u-1\",\"amount\":1,"
                    + "\"timestamp\":\"2026-11-24T10:03:12Z\"}"), INVALID_JSON);
        }

        @Test
        void duplicateKeysInAnUnknownNestedObject() {
            assertInvalid(parse(Rec.purchase().raw("meta", "{\"a\":1,\"a\":2}")), INVALID_JSON);
        }
    }
}
