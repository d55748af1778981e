package dev.streamsuite.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An input record of {@code orders}, keyed by {@code orderId}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Order(String orderId, String customerId, BigDecimal amount, String currency, List<OrderItem> items,
                    Instant timestamp) {

    public static Validated<Order> parse(byte[] json) {
        return Validated.parse(json, Order::read);
    }

    static Order read(Fields f) {
        Order order = new Order(f.id("orderId"), f.id("customerId"), f.money("amount"), f.text("currency"),
                f.objects("items", OrderItem::read), f.instant("timestamp"));
        if (order.amount.signum() < 0) {
            throw f.invalid(InvalidRecordException.OUT_OF_RANGE, "amount", "must not be negative");
        }
        return order;
    }
}
