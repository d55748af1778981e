package dev.streamsuite.orders.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.streamsuite.model.Customer;

/**
 * One entry of the versioned customers store: a version of the customer, or its deletion. A deletion is
 * kept as a marker rather than as the store's own tombstone so that a lookup as of a time can tell "no
 * version yet" (unknown customer) from "deleted at that time".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerVersion(Customer customer, boolean deleted) {

    public static CustomerVersion of(Customer customer) {
        return new CustomerVersion(customer, false);
    }

    public static CustomerVersion deletion() {
        return new CustomerVersion(null, true);
    }
}
