package dev.streamsuite.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class JsonTest {

    private static final Instant T = Instant.parse("2026-11-24T10:03:12Z");

    private static final Order ORDER = new Order("o-1", "c-1", new BigDecimal("99.90"), "EUR",
            List.of(new OrderItem("A1", 2, new BigDecimal("49.95"))), T);
    private static final Customer CUSTOMER = new Customer("c-1", "Ada", "ada@example.com", "GOLD", "GB",
            Instant.parse("2026-11-24T10:00:00Z"));
    private static final Transaction TRANSACTION = new Transaction("t-1", "u-1", new BigDecimal("-25.00"),
            Instant.parse("2026-11-24T10:03:12.345Z"), "m-9", "GB");

    /** Reads JSON text as a map; numbers with a fraction come back as BigDecimal. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(byte[] json) {
        return Json.MAPPER.readValue(json, Map.class);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void purchaseSummaryHasTheContractShape() {
        PurchaseSummary s = new PurchaseSummary("u-1", Instant.parse("2026-11-24T10:00:00Z"),
                Instant.parse("2026-11-24T10:05:00Z"), 3, new BigDecimal("45.50"), new BigDecimal("5.00"),
                new BigDecimal("30.00"));

        byte[] json = Json.write(s);

        assertThat(text(json)).isEqualTo("{\"userId\":\"u-1\",\"windowStart\":\"2026-11-24T10:00:00Z\","
                + "\"windowEnd\":\"2026-11-24T10:05:00Z\",\"count\":3,\"totalAmount\":45.50,\"minAmount\":5.00,"
                + "\"maxAmount\":30.00}");
        assertThat(map(json)).containsOnlyKeys("userId", "windowStart", "windowEnd", "count", "totalAmount",
                "minAmount", "maxAmount");
    }

    @ParameterizedTest(name = "{0} is written as {1}")
    @CsvSource({
            "45.50, 45.50",
            "4.550E+1, 45.50",
            "1E+2, 100",
            "1.00E+3, 1000",
            "1E+20, 100000000000000000000",
            "1E-4, 0.0001",
            "0.1, 0.1",
            "-25.00, -25.00",
            "0, 0",
            "0E+3, 0",
            "0.0000, 0.0000",
    })
    void decimalsAreWrittenPlain(String value, String written) {
        PurchaseSummary s = new PurchaseSummary("u-1", T, T, 1, new BigDecimal(value), BigDecimal.ONE, BigDecimal.ONE);

        String json = Json.writeString(s);

        assertThat(json).contains("\"totalAmount\":" + written + ",");
        assertThat(json).doesNotContainIgnoringCase("e+").doesNotContainIgnoringCase("e-");
    }

    @Test
    void writtenDecimalsReadBackAsTheSameDecimals() {
        PurchaseSummary s = new PurchaseSummary("u-1", T, T, 1, new BigDecimal("45.50"), new BigDecimal("0.0001"),
                new BigDecimal("1E+2"));

        Map<String, Object> m = map(Json.write(s));

        assertThat(m.get("totalAmount")).isEqualTo(new BigDecimal("45.50"));
        assertThat(m.get("minAmount")).isEqualTo(new BigDecimal("0.0001"));
        assertThat(m.get("maxAmount")).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-11-24T10:03:12Z",
            "2026-11-24T10:03:12.345Z",
            "2026-11-24T10:03:12.123456789Z",
            "1970-01-01T00:00:00Z",
    })
    void instantsAreIsoStrings(String instant) {
        Balance b = new Balance("u-1", new BigDecimal("-5.00"), 2, Instant.parse(instant));

        assertThat(Json.writeString(b)).contains("\"updatedAt\":\"" + instant + "\"");
    }

    @Test
    void instantsFromAnOffsetAreWrittenInUtc() {
        Purchase p = Purchase.parse(Rec.purchase().str("timestamp", "2026-11-24T10:03:12+01:00").bytes()).value();

        assertThat(Json.writeString(p)).contains("\"timestamp\":\"2026-11-24T09:03:12Z\"");
    }

    @Test
    void fraudAlertHasTheContractShape() {
        FraudAlert a = FraudAlert.of(TRANSACTION, "NEGATIVE_BALANCE", new BigDecimal("-5.00"),
                "balance -5.00 is below zero");

        assertThat(a).isEqualTo(new FraudAlert("t-1:NEGATIVE_BALANCE", "u-1", "t-1", "NEGATIVE_BALANCE",
                new BigDecimal("-25.00"), new BigDecimal("-5.00"), Instant.parse("2026-11-24T10:03:12.345Z"),
                "balance -5.00 is below zero"));
        byte[] json = Json.write(a);
        assertThat(text(json)).contains("\"alertId\":\"t-1:NEGATIVE_BALANCE\"", "\"amount\":-25.00",
                "\"balance\":-5.00", "\"timestamp\":\"2026-11-24T10:03:12.345Z\"");
        assertThat(map(json)).containsOnlyKeys("alertId", "userId", "transactionId", "rule", "amount", "balance",
                "timestamp", "message");
    }

    @Test
    void alertIdIsTransactionIdAndRule() {
        Transaction t = new Transaction("tx:ユ-1", "u-1", BigDecimal.TEN.negate(), T, null, null);

        assertThat(FraudAlert.of(t, "VELOCITY", BigDecimal.ONE, "m").alertId()).isEqualTo("tx:ユ-1:VELOCITY");
    }

    @Test
    void balanceHasTheContractShape() {
        Balance b = new Balance("u-1", new BigDecimal("-5.00"), 2, T);

        byte[] json = Json.write(b);

        assertThat(text(json)).contains("\"balance\":-5.00", "\"transactionCount\":2",
                "\"updatedAt\":\"2026-11-24T10:03:12Z\"");
        assertThat(map(json)).containsOnlyKeys("userId", "balance", "transactionCount", "updatedAt");
    }

    @Test
    void enrichedOrderHasTheOrderFieldsCustomerAndStatus() {
        OrderResult r = OrderResult.enriched(ORDER, CUSTOMER);

        assertThat(r.isEnriched()).isTrue();
        assertThat(r.status()).isEqualTo("ENRICHED");
        assertThat(r.reason()).isNull();
        assertThat(r.customer()).isEqualTo(new CustomerInfo("c-1", "Ada", "ada@example.com", "GOLD", "GB"));

        byte[] json = Json.write(r);
        Map<String, Object> m = map(json);
        assertThat(m).containsOnlyKeys("orderId", "customerId", "amount", "currency", "items", "timestamp",
                "customer", "status");
        assertThat(m).containsEntry("status", "ENRICHED").containsEntry("amount", new BigDecimal("99.90"))
                .containsEntry("timestamp", "2026-11-24T10:03:12Z");
        assertThat(m.get("customer")).isEqualTo(Map.of("customerId", "c-1", "name", "Ada",
                "email", "ada@example.com", "tier", "GOLD", "country", "GB"));
        assertThat(m.get("items")).isEqualTo(List.of(Map.of("sku", "A1", "quantity", 2,
                "unitPrice", new BigDecimal("49.95"))));
        assertThat(text(json)).contains("\"amount\":99.90", "\"unitPrice\":49.95");
    }

    @Test
    void enrichedOrderKeepsACustomersMissingFieldsAsNull() {
        Customer bare = new Customer("c-1", "Ada", null, null, null, T);

        Map<String, Object> m = map(Json.write(OrderResult.enriched(ORDER, bare)));

        @SuppressWarnings("unchecked")
        Map<String, Object> customer = (Map<String, Object>) m.get("customer");
        assertThat(customer).containsOnlyKeys("customerId", "name", "email", "tier", "country")
                .containsEntry("customerId", "c-1").containsEntry("email", null);
    }

    @Test
    void unmatchedOrderHasTheOrderFieldsStatusAndReasonButNoCustomer() {
        OrderResult r = OrderResult.unmatched(ORDER, OrderResult.UNKNOWN_CUSTOMER);

        assertThat(r.isEnriched()).isFalse();
        assertThat(r.customer()).isNull();

        byte[] json = Json.write(r);
        assertThat(map(json)).containsOnlyKeys("orderId", "customerId", "amount", "currency", "items", "timestamp",
                "status", "reason")
                .containsEntry("status", "UNMATCHED").containsEntry("reason", "UNKNOWN_CUSTOMER");
        assertThat(text(json)).doesNotContain("\"customer\"");
    }

    @Test
    void deletedCustomerReason() {
        OrderResult r = OrderResult.unmatched(ORDER, OrderResult.CUSTOMER_DELETED);

        assertThat(map(Json.write(r))).containsEntry("status", "UNMATCHED").containsEntry("reason", "CUSTOMER_DELETED");
    }

    @Test
    void orderResultOfAnOrderWithoutOptionalFieldsOmitsThem() {
        Order bare = new Order("o-1", "c-1", new BigDecimal("0"), null, null, T);

        assertThat(map(Json.write(OrderResult.unmatched(bare, OrderResult.UNKNOWN_CUSTOMER))))
                .containsOnlyKeys("orderId", "customerId", "amount", "timestamp", "status", "reason");
        assertThat(map(Json.write(bare))).containsOnlyKeys("orderId", "customerId", "amount", "timestamp");
    }

    @Test
    void transactionWithoutOptionalFieldsOmitsThem() {
        Transaction t = new Transaction("t-1", "u-1", new BigDecimal("-1"), T, null, null);

        assertThat(map(Json.write(t))).containsOnlyKeys("transactionId", "userId", "amount", "timestamp");
    }

    @Test
    void unicodeIsWrittenAsUtf8() {
        Balance b = new Balance("ユーザー-😀", BigDecimal.ONE, 1, T);

        byte[] json = Json.write(b);

        assertThat(text(json)).contains("\"userId\":\"ユーザー-😀\"");
        assertThat(Json.read(json, Balance.class)).isEqualTo(b);
    }

    static Stream<Object> records() {
        return Stream.of(
                new PurchaseSummary("u-1", Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T10:05:00Z"),
                        3, new BigDecimal("45.50"), new BigDecimal("5.00"), new BigDecimal("30.00")),
                new PurchaseSummary("ユーザー-1", Instant.EPOCH, Instant.parse("1970-01-01T00:05:00Z"), 1,
                        new BigDecimal("0.0001"), new BigDecimal("0.0001"), new BigDecimal("0.0001")),
                OrderResult.enriched(ORDER, CUSTOMER),
                OrderResult.unmatched(ORDER, OrderResult.UNKNOWN_CUSTOMER),
                OrderResult.unmatched(new Order("o-2", "c-2", new BigDecimal("12.5000"), null, List.of(), T),
                        OrderResult.CUSTOMER_DELETED),
                FraudAlert.of(TRANSACTION, "NEGATIVE_BALANCE", new BigDecimal("-5.00"), "below zero"),
                new Balance("u-1", new BigDecimal("-5.00"), 2, Instant.parse("2026-11-24T10:03:12.123456789Z")),
                new Purchase("p-1", "u-1", new BigDecimal("12.50"), "PURCHASE", T),
                CUSTOMER,
                new Customer("c-9", "", null, null, null, T),
                CustomerInfo.of(CUSTOMER),
                ORDER,
                TRANSACTION);
    }

    @ParameterizedTest
    @MethodSource("records")
    @SuppressWarnings("unchecked")
    <T> void serdeRoundTrip(T value) {
        try (Serde<T> serde = Json.serde((Class<T>) value.getClass())) {
            byte[] bytes = serde.serializer().serialize("topic", value);

            assertThat(bytes).isNotNull();
            assertThat(text(bytes)).doesNotContainIgnoringCase("e+");
            assertThat(serde.deserializer().deserialize("topic", bytes)).isEqualTo(value);
        }
    }

    @ParameterizedTest
    @MethodSource("records")
    void writeReadRoundTrip(Object value) {
        assertThat(Json.read(Json.write(value), value.getClass())).isEqualTo(value);
        assertThat(Json.read(Rec.utf8(Json.writeString(value)), value.getClass())).isEqualTo(value);
    }

    @Test
    void serdeKeepsNullAsNull() {
        try (Serde<OrderResult> serde = Json.serde(OrderResult.class)) {
            assertThat(serde.serializer().serialize("enriched-orders", null)).isNull();
            assertThat(serde.deserializer().deserialize("enriched-orders", null)).isNull();
        }
    }

    @Test
    void serdeDeserializerIgnoresUnknownFields() {
        try (Serde<Balance> serde = Json.serde(Balance.class)) {
            Balance b = serde.deserializer().deserialize("t", Rec.utf8("{\"userId\":\"u-1\",\"balance\":-5.00,"
                    + "\"transactionCount\":2,\"updatedAt\":\"2026-11-24T10:03:12Z\",\"version\":7}"));

            assertThat(b).isEqualTo(new Balance("u-1", new BigDecimal("-5.00"), 2, T));
        }
    }

    @Test
    void serdeDeserializerReadsAnUnmatchedOrderWithoutCustomer() {
        try (Serde<OrderResult> serde = Json.serde(OrderResult.class)) {
            OrderResult r = serde.deserializer().deserialize("orders-unmatched", Rec.utf8("{\"orderId\":\"o-1\","
                    + "\"customerId\":\"c-1\",\"amount\":99.90,\"timestamp\":\"2026-11-24T10:03:12Z\","
                    + "\"status\":\"UNMATCHED\",\"reason\":\"UNKNOWN_CUSTOMER\"}"));

            assertThat(r).isEqualTo(new OrderResult("o-1", "c-1", new BigDecimal("99.90"), null, null, T, null,
                    "UNMATCHED", "UNKNOWN_CUSTOMER"));
        }
    }

    @Test
    void serdeDeserializerFailsWithASerializationExceptionNamingTypeAndTopic() {
        try (Serde<PurchaseSummary> serde = Json.serde(PurchaseSummary.class)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize("purchase-summaries", Rec.utf8("not json")))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("PurchaseSummary")
                    .hasMessageContaining("purchase-summaries");
            assertThatThrownBy(() -> serde.deserializer().deserialize("purchase-summaries",
                    Rec.utf8("{\"userId\":\"u\",\"userId\":\"v\"}")))
                    .isInstanceOf(SerializationException.class);
            assertThatThrownBy(() -> serde.deserializer().deserialize("purchase-summaries",
                    Rec.utf8("{\"totalAmount\":1E+2147483648}")))
                    .isInstanceOf(SerializationException.class);
        }
    }

    @Test
    void validatedInputsWrittenByTheSerdeParseBackUnchanged() {
        assertThat(Purchase.parse(Json.write(new Purchase("p-1", "u-1", new BigDecimal("12.50"), "REFUND", T))).value())
                .isEqualTo(new Purchase("p-1", "u-1", new BigDecimal("12.50"), "REFUND", T));
        assertThat(Customer.parse(Json.write(CUSTOMER)).value()).isEqualTo(CUSTOMER);
        assertThat(Order.parse(Json.write(ORDER)).value()).isEqualTo(ORDER);
        assertThat(Transaction.parse(Json.write(TRANSACTION)).value()).isEqualTo(TRANSACTION);
    }

    @Test
    void treeKeepsDecimalsExact() {
        JsonNode tree = Json.tree(Rec.utf8("{\"a\":12.50,\"b\":0.1,\"c\":1E+2,\"d\":7}"));

        assertThat(tree.get("a").isBigDecimal()).isTrue();
        assertThat(tree.get("a").decimalValue()).isEqualTo(new BigDecimal("12.50"));
        assertThat(tree.get("b").decimalValue()).isEqualTo(new BigDecimal("0.1"));
        assertThat(tree.get("c").decimalValue()).isEqualByComparingTo("100");
        assertThat(tree.get("d").isIntegralNumber()).isTrue();
    }

    @Test
    void treeRejectsBadJsonWithAReadableReason() {
        assertThatThrownBy(() -> Json.tree(Rec.utf8("{\"a\":")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.code()).isEqualTo(InvalidRecordException.INVALID_JSON))
                .hasMessageStartingWith("value is not valid JSON: ");
        assertThatThrownBy(() -> Json.tree(Rec.utf8("{\"a\":1,\"a\":2}")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.code()).isEqualTo(InvalidRecordException.INVALID_JSON))
                .hasMessageContaining("\"a\"");
        // valid JSON whose number no decimal holds: out of range, not "not valid JSON"
        assertThatThrownBy(() -> Json.tree(Rec.utf8("{\"a\":1E+2147483648}")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.code()).isEqualTo(InvalidRecordException.OUT_OF_RANGE))
                .hasMessageStartingWith("value holds a number beyond the range of a decimal: ");
    }

    /** Different bytes must not read as the same id: only well-formed UTF-8 is JSON text here. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "overlong '/' (C0 AF), C0AF, 0xC0",
            "overlong '/' (E0 80 AF), E080AF, 0xE0",
            "a surrogate in CESU-8, EDA080, 0xED",
            "a byte that is never UTF-8, FF, 0xFF",
    })
    void treeRejectsIllFormedUtf8InsideAString(String what, String bytes, String shown) {
        byte[] json = concat(Rec.utf8("{\"userId\":\"uq-o"), java.util.HexFormat.of().parseHex(bytes), Rec.utf8("\"}"));

        assertThatThrownBy(() -> Json.tree(json))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.code()).isEqualTo(InvalidRecordException.INVALID_JSON))
                .hasMessage("value is not UTF-8 JSON text: byte " + shown + " at offset 15"); // right after {"userId":"uq-o
    }

    @Test
    void treeRejectsUtf16AndUtf32ButReadsAUtf8ByteOrderMark() {
        String text = "{\"a\":1}";
        assertThatThrownBy(() -> Json.tree(text.getBytes(StandardCharsets.UTF_16LE)))
                .hasMessage("value is not UTF-8 JSON text: byte 0x00 at offset 1");
        assertThatThrownBy(() -> Json.tree(text.getBytes(StandardCharsets.UTF_16))) // with a byte order mark
                .hasMessage("value is not UTF-8 JSON text: byte 0xFE at offset 0");
        assertThatThrownBy(() -> Json.tree(text.getBytes(java.nio.charset.Charset.forName("UTF-32BE"))))
                .hasMessage("value is not UTF-8 JSON text: byte 0x00 at offset 0");
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Rec.utf8(text));
        assertThat(Json.tree(withBom).get("a").intValue()).isEqualTo(1);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
