package dev.streamsuite.model;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the JSON text of one input record field by field, each value given as raw JSON text, so a test
 * states exactly the bytes it sends ({@code 12.50}, {@code 1E+2}, {@code "12.5"}, {@code null}).
 */
final class Rec {

    private final Map<String, String> fields = new LinkedHashMap<>();

    static Rec purchase() {
        return new Rec().str("purchaseId", "p-1").str("userId", "u-1").raw("amount", "12.50")
                .str("type", "PURCHASE").str("timestamp", "2026-11-24T10:03:12Z");
    }

    static Rec customer() {
        return new Rec().str("customerId", "c-1").str("name", "Ada").str("email", "ada@example.com")
                .str("tier", "GOLD").str("country", "GB").str("updatedAt", "2026-11-24T10:00:00Z");
    }

    static Rec order() {
        return new Rec().str("orderId", "o-1").str("customerId", "c-1").raw("amount", "99.90")
                .str("currency", "EUR").raw("items", "[{\"sku\":\"A1\",\"quantity\":2,\"unitPrice\":49.95}]")
                .str("timestamp", "2026-11-24T10:03:12Z");
    }

    static Rec transaction() {
        return new Rec().str("transactionId", "t-1").str("userId", "u-1").raw("amount", "-25.00")
                .str("timestamp", "2026-11-24T10:03:12Z").str("merchant", "m-9").str("country", "GB");
    }

    /** Sets a field to raw JSON text, e.g. {@code raw("amount", "1E+2")}. */
    Rec raw(String name, String json) {
        fields.put(name, json);
        return this;
    }

    /** Sets a field to a JSON string. */
    Rec str(String name, String value) {
        return raw(name, Json.writeString(value));
    }

    Rec without(String name) {
        fields.remove(name);
        return this;
    }

    String text() {
        return fields.entrySet().stream()
                .map(e -> Json.writeString(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    byte[] bytes() {
        return utf8(text());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text();
    }
}
