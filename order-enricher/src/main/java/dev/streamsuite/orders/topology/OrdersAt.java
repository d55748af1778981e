package dev.streamsuite.orders.topology;

import dev.streamsuite.model.Binary;
import dev.streamsuite.model.Json;
import dev.streamsuite.model.OrderResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The enriched orders of one customer at one order time ({@code customer-orders-store} value), each as its
 * output JSON, which the API serves as is. Orders sharing a customer and a millisecond live in one entry
 * rather than as window-store duplicates: the sequence numbers that tell duplicates apart restart with the
 * process, so an order joined after a restart could overwrite one joined before it.
 */
public record OrdersAt(List<Listed> orders) {

    /**
     * The earlier version kept each order as its own duplicate entry, as JSON; such entries stay readable
     * (as one order each) until they expire, next to the entries written since.
     */
    static final Serde<OrdersAt> SERDE = Binary.serde(
            (out, at) -> out.writeList(at.orders, (o, listed) -> o.writeString(listed.orderId()).writeBytes(listed.json())),
            in -> new OrdersAt(in.readList(r -> new Listed(r.readString(), r.readBytes()))),
            (topic, json) -> of(Json.read(json, OrderResult.class).orderId(), json));

    /** One order: its id, and its JSON as written to {@code enriched-orders}. */
    public record Listed(String orderId, byte[] json) {
    }

    public OrdersAt {
        orders = List.copyOf(orders);
    }

    static OrdersAt of(String orderId, byte[] json) {
        return new OrdersAt(List.of(new Listed(orderId, json)));
    }

    boolean contains(String orderId) {
        return orders.stream().anyMatch(o -> o.orderId().equals(orderId));
    }

    /**
     * This entry with the order's JSON in place of an earlier one of the same id (or added last), or without the
     * order when {@code json} is null; null when no order is left.
     */
    OrdersAt with(String orderId, byte[] json) {
        List<Listed> next = new ArrayList<>(orders.size() + 1);
        boolean replaced = false;
        for (Listed o : orders) {
            if (!o.orderId().equals(orderId)) {
                next.add(o);
            } else if (json != null && !replaced) {
                next.add(new Listed(orderId, json));
                replaced = true;
            }
        }
        if (json != null && !replaced) {
            next.add(new Listed(orderId, json));
        }
        return next.isEmpty() ? null : new OrdersAt(next);
    }

    /**
     * Up to {@code limit} orders of a customer from its entries read newest time first; within a time, the
     * last added first (the order the store's duplicates were read in before). Each order id is listed once,
     * from the first entry read: an order sent again with another time is listed at its newest time, as
     * {@code GET /api/orders/{id}} answers with it; sent again across the upgrade with the same time, the
     * earlier-format entry (read first) is listed.
     */
    public static List<Listed> newest(WindowStoreIterator<OrdersAt> newestFirst, int limit) {
        List<Listed> result = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        while (newestFirst.hasNext() && result.size() < limit) {
            List<Listed> orders = newestFirst.next().value.orders;
            for (int i = orders.size() - 1; i >= 0 && result.size() < limit; i--) {
                if (listed.add(orders.get(i).orderId())) {
                    result.add(orders.get(i));
                }
            }
        }
        return result;
    }
}
