package dev.streamsuite.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order after the join: on {@code enriched-orders} with its {@code customer} and status ENRICHED,
 * or on {@code orders-unmatched} with status UNMATCHED and a {@code reason} (and no {@code customer}:
 * null fields are left out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderResult(String orderId, String customerId, BigDecimal amount, String currency,
                          List<OrderItem> items, Instant timestamp,
                          CustomerInfo customer, String status,
                          String reason) {

    public static final String ENRICHED = "ENRICHED";
    public static final String UNMATCHED = "UNMATCHED";
    public static final String UNKNOWN_CUSTOMER = "UNKNOWN_CUSTOMER";
    public static final String CUSTOMER_DELETED = "CUSTOMER_DELETED";

    public static OrderResult enriched(Order o, Customer customer) {
        return new OrderResult(o.orderId(), o.customerId(), o.amount(), o.currency(), o.items(), o.timestamp(),
                CustomerInfo.of(customer), ENRICHED, null);
    }

    public static OrderResult unmatched(Order o, String reason) {
        return new OrderResult(o.orderId(), o.customerId(), o.amount(), o.currency(), o.items(), o.timestamp(),
                null, UNMATCHED, reason);
    }

    @JsonIgnore // not a field of the contract's JSON
    public boolean isEnriched() {
        return ENRICHED.equals(status);
    }
}
