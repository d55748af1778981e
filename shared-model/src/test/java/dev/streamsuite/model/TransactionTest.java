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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionTest {

    private static Validated<Transaction> parse(Rec rec) {
        return Transaction.parse(rec.bytes());
    }

    @Test
    void parsesTheContractExample() {
        Transaction t = assertValid(Transaction.parse(Rec.utf8("{\"transactionId\":\"t-1\",\"userId\":\"u-1\","
                + "\"amount\":-25.00,\"timestamp\":\"2026-11-24T10:03:12.345Z\",\"merchant\":\"m-9\",\"country\":\"GB\"}")));

        assertThat(t).isEqualTo(new Transaction("t-1", "u-1", new BigDecimal("-25.00"),
                Instant.parse("2026-11-24T10:03:12.345Z"), "m-9", "GB"));
        assertThat(t.amount().toPlainString()).isEqualTo("-25.00");
        assertThat(t.isDebit()).isTrue();
    }

    @ParameterizedTest(name = "{0} reads as {1}, debit={2}")
    @CsvSource({
            "-25.00, -25.00, true",
            "20.00, 20.00, false",
            "0.1, 0.1, false",
            "-0.0001, -0.0001, true",
            "1E+2, 100, false",
            "-1E+2, -100, true",
            "-7.50000, -7.5000, true",
    })
    void readsSignedAmountsExactly(String json, String expected, boolean debit) {
        Transaction t = assertValid(parse(Rec.transaction().raw("amount", json)));

        assertThat(t.amount()).isEqualTo(new BigDecimal(expected));
        assertThat(t.isDebit()).isEqualTo(debit);
    }

    @Test
    void timestampWithOffset() {
        Transaction t = assertValid(parse(Rec.transaction().str("timestamp", "2026-11-24T10:03:12+01:00")));

        assertThat(t.timestamp()).isEqualTo(Instant.parse("2026-11-24T09:03:12Z"));
    }

    @Test
    void merchantAndCountryAreOptional() {
        Transaction t = assertValid(parse(Rec.transaction().without("merchant").raw("country", "null")));

        assertThat(t.merchant()).isNull();
        assertThat(t.country()).isNull();
        assertThat(t.amount()).isEqualTo(new BigDecimal("-25.00"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Transaction t = assertValid(parse(Rec.transaction().raw("channel", "{\"type\":\"pos\"}").raw("risk", "0.5")));

        assertThat(t.transactionId()).isEqualTo("t-1");
    }

    @Test
    void unicodeIdsAreValid() {
        Transaction t = assertValid(parse(Rec.transaction().str("userId", "ユーザー-1").str("transactionId", "🧾-1")));

        assertThat(t.userId()).isEqualTo("ユーザー-1");
        assertThat(t.transactionId()).isEqualTo("🧾-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-0", "-0.0", "0E+3", "0.0000"})
    void zeroAmountIsInvalid(String amount) {
        Validated<Transaction> result = parse(Rec.transaction().raw("amount", amount));

        assertInvalid(result, OUT_OF_RANGE, "amount");
        assertThat(result.reason()).isEqualTo("field 'amount' must not be zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"transactionId", "userId", "amount", "timestamp"})
    void missingRequiredField(String field) {
        assertInvalid(parse(Rec.transaction().without(field)), MISSING_FIELD, field);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "amount|\"-25.00\"",
            "transactionId|1",
            "userId|7",
            "merchant|9",
            "country|[\"GB\"]",
            "timestamp|1764000000000",
    })
    void wrongType(String field, String json) {
        assertInvalid(parse(Rec.transaction().raw(field, json)), WRONG_TYPE, field);
    }

    @Test
    void moneyWithFiveDecimals() {
        assertInvalid(parse(Rec.transaction().raw("amount", "-25.00001")), OUT_OF_RANGE, "amount");
    }

    @Test
    void blankAndTooLongIds() {
        assertInvalid(parse(Rec.transaction().str("transactionId", " ")), OUT_OF_RANGE, "transactionId");
        assertInvalid(parse(Rec.transaction().str("userId", "u".repeat(257))), OUT_OF_RANGE, "userId");
        assertValid(parse(Rec.transaction().str("userId", "u".repeat(256))));
    }

    @Test
    void timestampWithoutOffset() {
        assertInvalid(parse(Rec.transaction().str("timestamp", "2026-11-24T10:03:12")), WRONG_TYPE, "timestamp");
    }

    @Test
    void timestampBefore1970() {
        assertInvalid(parse(Rec.transaction().str("timestamp", "1969-07-20T20:17:40Z")), OUT_OF_RANGE, "timestamp");
    }

    @Test
    void notAnObject() {
        assertInvalid(Transaction.parse(Rec.utf8("[" + Rec.transaction().text() + "]")), WRONG_TYPE);
        assertInvalid(Transaction.parse(Rec.utf8("t-1")), INVALID_JSON);
        assertInvalid(Transaction.parse(null), MISSING_FIELD);
    }

    @Test
    void duplicateKeys() {
        assertInvalid(Transaction.parse(Rec.utf8("{\"transactionId\":\"t-1\",\"userId\":\"u-1\",\"amount\":-25.00,"
                + "\"timestamp\":\"2026-11-24T10:03:12Z\",\"userId\":\"u-2\"}")), INVALID_JSON);
    }
}
