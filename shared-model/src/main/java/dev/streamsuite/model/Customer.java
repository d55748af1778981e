package dev.streamsuite.model;

import java.time.Instant;

/** A version of a customer on the compacted {@code customers} topic, keyed by {@code customerId}. */
public record Customer(String customerId, String name, String email, String tier, String country, Instant updatedAt) {

    public static Validated<Customer> parse(byte[] json) {
        return Validated.parse(json, f -> new Customer(f.id("customerId"), f.requiredText("name"), f.text("email"),
                f.text("tier"), f.text("country"), f.instant("updatedAt")));
    }
}
