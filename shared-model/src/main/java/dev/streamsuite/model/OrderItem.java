package dev.streamsuite.model;

import java.math.BigDecimal;

/** One line of an order. */
public record OrderItem(String sku, int quantity, BigDecimal unitPrice) {

    static OrderItem read(Fields f) {
        return new OrderItem(f.id("sku"), f.integer("quantity", 1), f.money("unitPrice"));
    }
}
