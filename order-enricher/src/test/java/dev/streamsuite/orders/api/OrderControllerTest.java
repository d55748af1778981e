package dev.streamsuite.orders.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Json;
import dev.streamsuite.model.Order;
import dev.streamsuite.model.OrderItem;
import dev.streamsuite.model.OrderResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderControllerTest {

    /**
     * The answers used to be the stored orders as objects, written by the runtime's JSON mapper (the suite's
     * {@link Json#MAPPER} configuration); they are now the stored JSON as is, which must give the same text.
     */
    @Test
    void storedJsonIsAnsweredAsTheOrderObjectsWere() {
        Order order = new Order("o-ü", "c-1", new BigDecimal("99.90"), null,
                List.of(new OrderItem("A1", 2, new BigDecimal("49.95"))), Instant.parse("2026-11-24T10:03:12.000000001Z"));
        OrderResult enriched = OrderResult.enriched(order, new Customer("c-1", "Ada \"A\"", null, "GOLD", "GB", Instant.EPOCH));
        OrderResult unmatched = OrderResult.unmatched(new Order("o-2", "c-404", new BigDecimal("5"), "EUR", List.of(),
                Instant.parse("2026-11-24T10:04:00Z")), OrderResult.UNKNOWN_CUSTOMER);

        assertThat(Json.MAPPER.writeValueAsString(OrderController.asIs(Json.write(enriched))))
                .isEqualTo(Json.MAPPER.writeValueAsString(enriched));
        assertThat(Json.MAPPER.writeValueAsString(List.of(OrderController.asIs(Json.write(enriched)),
                OrderController.asIs(Json.write(unmatched)))))
                .isEqualTo(Json.MAPPER.writeValueAsString(List.of(enriched, unmatched)));
    }
}
