package dev.streamsuite.model;

/** The customer's fields copied into an enriched order. */
public record CustomerInfo(String customerId, String name, String email, String tier, String country) {

    public static CustomerInfo of(Customer c) {
        return new CustomerInfo(c.customerId(), c.name(), c.email(), c.tier(), c.country());
    }
}
