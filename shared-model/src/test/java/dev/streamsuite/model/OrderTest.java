package dev.streamsuite.model;

import static dev.streamsuite.model.InvalidRecordException.INVALID_JSON;
import static dev.streamsuite.model.InvalidRecordException.MISSING_FIELD;
import static dev.streamsuite.model.InvalidRecordException.OUT_OF_RANGE;
import static dev.streamsuite.model.InvalidRecordException.WRONG_TYPE;
import static dev.streamsuite.model.ValidatedAssertions.assertInvalid;
import static dev.streamsuite.model.ValidatedAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTest {

    private static Validated<Order> parse(Rec rec) {
        return Order.parse(rec.bytes());
    }

    private static Rec withItems(String itemsJson) {
        return Rec.order().raw("items", itemsJson);
    }

    @Test
    void parsesTheContractExample() {
        Order o = assertValid(Order.parse(Rec.utf8("{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"amount\":99.90,"
                + "\"currency\":\"EUR\",\"items\":[{\"sku\":\"A1\",\"quantity\":2,\"unitPrice\":49.95}],"
                + "\"timestamp\":\"2026-11-24T10:03:12Z\"}")));

        assertThat(o).isEqualTo(new Order("o-1", "c-1", new BigDecimal("99.90"), "EUR",
                List.of(new OrderItem("A1", 2, new BigDecimal("49.95"))), Instant.parse("2026-11-24T10:03:12Z")));
        assertThat(o.amount().toPlainString()).isEqualTo("99.90");
    }

    @Test
    void severalItemsKeepTheirOrderAndExactPrices() {
        Order o = assertValid(parse(withItems("[{\"sku\":\"A1\",\"quantity\":2,\"unitPrice\":49.95},"
                + "{\"sku\":\"B2\",\"quantity\":1,\"unitPrice\":0.1,\"color\":\"red\"},"
                + "{\"sku\":\"C3\",\"quantity\":1000,\"unitPrice\":1E+2}]")));

        assertThat(o.items()).containsExactly(
                new OrderItem("A1", 2, new BigDecimal("49.95")),
                new OrderItem("B2", 1, new BigDecimal("0.1")),
                new OrderItem("C3", 1000, new BigDecimal("100")));
    }

    @Test
    void itemsAreImmutable() {
        Order o = assertValid(parse(Rec.order()));

        assertThatThrownBy(() -> o.items().add(new OrderItem("X", 1, BigDecimal.ONE)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void itemsAreOptional() {
        assertThat(assertValid(parse(Rec.order().without("items"))).items()).isNull();
        assertThat(assertValid(parse(withItems("null"))).items()).isNull();
        assertThat(assertValid(parse(withItems("[]"))).items()).isEmpty();
    }

    @Test
    void currencyIsOptional() {
        assertThat(assertValid(parse(Rec.order().without("currency"))).currency()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "0.0001", "99.90", "12.50000"})
    void zeroAndPositiveAmountsAreValid(String amount) {
        BigDecimal read = assertValid(parse(Rec.order().raw("amount", amount))).amount();
        assertThat(read).isEqualByComparingTo(new BigDecimal(amount));
        assertThat(read.scale()).isLessThanOrEqualTo(4);
    }

    @Test
    void timestampWithOffset() {
        Order o = assertValid(parse(Rec.order().str("timestamp", "2026-11-24T10:03:12.5+01:00")));

        assertThat(o.timestamp()).isEqualTo(Instant.parse("2026-11-24T09:03:12.500Z"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        Order o = assertValid(parse(Rec.order().raw("shipping", "{\"method\":\"express\"}").str("status", "NEW")));

        assertThat(o.orderId()).isEqualTo("o-1");
    }

    @Test
    void unicodeIds() {
        Order o = assertValid(parse(Rec.order().str("orderId", "注文-1").str("customerId", "🙂")
                .raw("items", "[{\"sku\":\"Ä-1\",\"quantity\":1,\"unitPrice\":1}]")));

        assertThat(o.orderId()).isEqualTo("注文-1");
        assertThat(o.customerId()).isEqualTo("🙂");
        assertThat(o.items().get(0).sku()).isEqualTo("Ä-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.01", "-99.90", "-1E+2"})
    void negativeAmountIsInvalid(String amount) {
        Validated<Order> result = parse(Rec.order().raw("amount", amount));

        assertInvalid(result, OUT_OF_RANGE, "amount");
        assertThat(result.reason()).isEqualTo("field 'amount' must not be negative");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orderId", "customerId", "amount", "timestamp"})
    void missingRequiredField(String field) {
        assertInvalid(parse(Rec.order().without(field)), MISSING_FIELD, field);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "orderId|1",
            "customerId|{}",
            "amount|\"99.90\"",
            "currency|978",
            "timestamp|1764000000000",
    })
    void wrongType(String field, String json) {
        assertInvalid(parse(Rec.order().raw(field, json)), WRONG_TYPE, field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"A1\"", "{\"sku\":\"A1\",\"quantity\":2,\"unitPrice\":49.95}", "2", "true"})
    void itemsNotAnArray(String items) {
        Validated<Order> result = parse(withItems(items));

        assertInvalid(result, WRONG_TYPE, "items");
        assertThat(result.reason()).isEqualTo("field 'items' must be an array");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "[\"A1\"]", "[null]", "[[]]"})
    void itemNotAnObject(String items) {
        assertInvalid(parse(withItems(items)), WRONG_TYPE, "items[0]");
    }

    @ParameterizedTest
    @CsvSource({"0, at least 1", "-1, at least 1", "-2147483648, at least 1", "2147483648, at most 2147483647",
            "99999999999999999999, at most 2147483647", "1E+10, at most 2147483647"})
    void itemQuantityOutOfRange(String quantity, String bound) {
        Validated<Order> result = parse(withItems("[{\"sku\":\"A1\",\"quantity\":" + quantity + ",\"unitPrice\":1}]"));

        assertInvalid(result, OUT_OF_RANGE, "items[0].quantity");
        assertThat(result.reason()).isEqualTo("field 'items[0].quantity' must be " + bound);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "2.01", "1E-1", "\"2\"", "true"})
    void itemQuantityNotAWholeNumber(String quantity) {
        assertInvalid(parse(withItems("[{\"sku\":\"A1\",\"quantity\":" + quantity + ",\"unitPrice\":1}]")),
                WRONG_TYPE, "items[0].quantity");
    }

    @ParameterizedTest
    @CsvSource({"2.0, 2", "1E+1, 10", "3.000, 3"})
    void itemQuantityWithAZeroFractionIsWhole(String quantity, int expected) {
        Order o = assertValid(parse(withItems("[{\"sku\":\"A1\",\"quantity\":" + quantity + ",\"unitPrice\":1}]")));

        assertThat(o.items().get(0).quantity()).isEqualTo(expected);
    }

    @Test
    void largestItemQuantity() {
        Order o = assertValid(parse(withItems("[{\"sku\":\"A1\",\"quantity\":2147483647,\"unitPrice\":1}]")));

        assertThat(o.items().get(0).quantity()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void badSecondItemIsNamedByIndex() {
        Validated<Order> result = parse(withItems("[{\"sku\":\"A1\",\"quantity\":1,\"unitPrice\":1},"
                + "{\"sku\":\"B2\",\"quantity\":0,\"unitPrice\":1}]"));

        assertInvalid(result, OUT_OF_RANGE, "items[1].quantity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sku", "quantity", "unitPrice"})
    void itemMissingField(String field) {
        Rec item = new Rec().str("sku", "A1").raw("quantity", "2").raw("unitPrice", "49.95").without(field);

        assertInvalid(parse(withItems("[" + item.text() + "]")), MISSING_FIELD, "items[0]." + field);
    }

    @Test
    void itemSkuIsAnId() {
        assertInvalid(parse(withItems("[{\"sku\":\" \",\"quantity\":1,\"unitPrice\":1}]")), OUT_OF_RANGE, "items[0].sku");
        assertInvalid(parse(withItems("[{\"sku\":\"" + "s".repeat(257) + "\",\"quantity\":1,\"unitPrice\":1}]")),
                OUT_OF_RANGE, "items[0].sku");
        assertInvalid(parse(withItems("[{\"sku\":7,\"quantity\":1,\"unitPrice\":1}]")), WRONG_TYPE, "items[0].sku");
    }

    @Test
    void itemUnitPriceIsMoney() {
        assertInvalid(parse(withItems("[{\"sku\":\"A1\",\"quantity\":1,\"unitPrice\":49.95001}]")),
                OUT_OF_RANGE, "items[0].unitPrice");
        assertInvalid(parse(withItems("[{\"sku\":\"A1\",\"quantity\":1,\"unitPrice\":\"49.95\"}]")),
                WRONG_TYPE, "items[0].unitPrice");
        assertThat(assertValid(parse(withItems("[{\"sku\":\"A1\",\"quantity\":1,\"unitPrice\":49.9500}]")))
                .items().get(0).unitPrice().toPlainString()).isEqualTo("49.9500");
    }

    @Test
    void duplicateKeysInsideAnItem() {
        assertInvalid(parse(withItems("[{\"sku\":\"A1\",\"quantity\":1,\"quantity\":2,\"unitPrice\":1}]")), INVALID_JSON);
    }

    @Test
    void notJsonOrNotAnObject() {
        assertInvalid(Order.parse(Rec.utf8("<order/>")), INVALID_JSON);
        assertInvalid(Order.parse(Rec.utf8("[]")), WRONG_TYPE);
        assertInvalid(Order.parse(null), MISSING_FIELD);
    }
}
