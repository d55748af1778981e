package dev.streamsuite.model;

import static dev.streamsuite.model.InvalidRecordException.INVALID_JSON;
import static dev.streamsuite.model.InvalidRecordException.MISSING_FIELD;
import static dev.streamsuite.model.InvalidRecordException.OUT_OF_RANGE;
import static dev.streamsuite.model.InvalidRecordException.WRONG_TYPE;
import static dev.streamsuite.model.ValidatedAssertions.assertInvalid;
import static dev.streamsuite.model.ValidatedAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerTest {

    private static Validated<Customer> parse(Rec rec) {
        return Customer.parse(rec.bytes());
    }

    @Test
    void parsesTheContractExample() {
        Customer c = assertValid(Customer.parse(Rec.utf8("{\"customerId\":\"c-1\",\"name\":\"Ada\","
                + "\"email\":\"ada@example.com\",\"tier\":\"GOLD\",\"country\":\"GB\","
                + "\"updatedAt\":\"2026-11-24T10:03:12.345Z\"}")));

        assertThat(c).isEqualTo(new Customer("c-1", "Ada", "ada@example.com", "GOLD", "GB",
                Instant.parse("2026-11-24T10:03:12.345Z")));
    }

    @Test
    void updatedAtWithOffset() {
        Customer c = assertValid(parse(Rec.customer().str("updatedAt", "2026-11-24T10:00:00+01:00")));

        assertThat(c.updatedAt()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    }

    @Test
    void emailTierAndCountryAreOptional() {
        Customer c = assertValid(parse(Rec.customer().without("email").without("tier").raw("country", "null")));

        assertThat(c).isEqualTo(new Customer("c-1", "Ada", null, null, null, Instant.parse("2026-11-24T10:00:00Z")));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Customer c = assertValid(parse(Rec.customer().raw("address", "{\"city\":\"London\"}").raw("vip", "true")
                .str("timestamp", "not even an instant")));

        assertThat(c.customerId()).isEqualTo("c-1");
    }

    @Test
    void unicodeNamesAndIds() {
        Customer c = assertValid(parse(Rec.customer().str("customerId", "顧客-1").str("name", "Ada Lovelace 👩‍💻")));

        assertThat(c.customerId()).isEqualTo("顧客-1");
        assertThat(c.name()).isEqualTo("Ada Lovelace 👩‍💻");
    }

    @ParameterizedTest
    @ValueSource(strings = {"customerId", "name", "updatedAt"})
    void missingRequiredField(String field) {
        assertInvalid(parse(Rec.customer().without(field)), MISSING_FIELD, field);
    }

    @Test
    void eventTimeIsUpdatedAtNotTimestamp() {
        Validated<Customer> result = parse(Rec.customer().without("updatedAt").str("timestamp", "2026-11-24T10:00:00Z"));

        assertInvalid(result, MISSING_FIELD, "updatedAt");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "customerId|1",
            "name|42",
            "email|false",
            "tier|1",
            "country|{\"code\":\"GB\"}",
            "updatedAt|1764000000000",
    })
    void wrongType(String field, String json) {
        assertInvalid(parse(Rec.customer().raw(field, json)), WRONG_TYPE, field);
    }

    @Test
    void blankAndTooLongCustomerId() {
        assertInvalid(parse(Rec.customer().str("customerId", "  ")), OUT_OF_RANGE, "customerId");
        assertInvalid(parse(Rec.customer().str("customerId", "c".repeat(257))), OUT_OF_RANGE, "customerId");
        assertThat(assertValid(parse(Rec.customer().str("customerId", "c".repeat(256)))).customerId()).hasSize(256);
    }

    @Test
    void updatedAtWithoutOffsetOrBefore1970() {
        assertInvalid(parse(Rec.customer().str("updatedAt", "2026-11-24T10:00:00")), WRONG_TYPE, "updatedAt");
        assertInvalid(parse(Rec.customer().str("updatedAt", "1969-12-31T23:59:59Z")), OUT_OF_RANGE, "updatedAt");
    }

    @Test
    void notJsonOrNotAnObject() {
        assertInvalid(Customer.parse(Rec.utf8("{\"customerId\":\"c-1\"")), INVALID_JSON);
        assertInvalid(Customer.parse(Rec.utf8("\"c-1\"")), WRONG_TYPE);
        assertInvalid(Customer.parse(null), MISSING_FIELD);
    }

    @Test
    void customerInfoCopiesTheCustomerWithoutUpdatedAt() {
        Customer c = new Customer("c-1", "Ada", "ada@example.com", "GOLD", "GB", Instant.parse("2026-11-24T10:00:00Z"));

        assertThat(CustomerInfo.of(c)).isEqualTo(new CustomerInfo("c-1", "Ada", "ada@example.com", "GOLD", "GB"));
    }

    @Test
    void customerInfoKeepsMissingOptionalFieldsAsNull() {
        Customer c = new Customer("c-1", "Ada", null, null, null, Instant.parse("2026-11-24T10:00:00Z"));

        assertThat(CustomerInfo.of(c)).isEqualTo(new CustomerInfo("c-1", "Ada", null, null, null));
    }
}
