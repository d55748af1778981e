package dev.streamsuite.orders.topology;

import dev.streamsuite.model.Json;
import dev.streamsuite.model.Order;
import dev.streamsuite.model.OrderResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The temporal join on a customerId partition, decided against the task's stream time (the highest event
 * time seen on its customers and orders-by-customer partitions, restored from the committed offsets after
 * a restart):
 * <ul>
 *   <li>an order with {@code orderTime + grace <= streamTime} is joined at once;</li>
 *   <li>any other order waits in the changelogged buffer;</li>
 *   <li>after every record, orders or customer changes alike, each waiting order with
 *   {@code orderTime + grace <= streamTime} leaves the buffer, oldest first, and is joined.</li>
 * </ul>
 * Joining looks the customer up in the versioned store as of the order's time. Results are keyed by
 * orderId with the order's time, as JSON written once for the output topic and, if enriched, the
 * customer's order list. The buffer, the versioned store and the outputs commit in one
 * transaction, so every order is emitted exactly once, also across crashes. This replaces the DSL's
 * stream-table join grace (KIP-923), whose buffer loses orders across restarts (see the README).
 */
final class TemporalJoin implements Processor<String, JoinInput, String, Joined> {

    private final long grace;
    private ProcessorContext<String, Joined> context;
    private VersionedKeyValueStore<String, CustomerVersion> versions;
    private KeyValueStore<Bytes, Order> buffer;
    private WindowStore<String, OrdersAt> customerOrders;
    /** Time of the oldest waiting order, or null when none waits: spares a store scan on most records. */
    private Long oldestWaiting;

    TemporalJoin(long grace) {
        this.grace = grace;
    }

    @Override
    public void init(ProcessorContext<String, Joined> context) {
        this.context = context;
        this.versions = context.getStateStore(OrderTopology.CUSTOMERS_STORE);
        this.buffer = context.getStateStore(OrderTopology.BUFFER_STORE);
        this.customerOrders = context.getStateStore(OrderTopology.CUSTOMER_ORDERS_STORE);
        try (KeyValueIterator<Bytes, Order> waiting = buffer.all()) {
            oldestWaiting = waiting.hasNext() ? BufferKey.time(waiting.peekNextKey()) : null;
        }
    }

    @Override
    public void process(Record<String, JoinInput> record) {
        long streamTime = context.currentStreamTimeMs();
        releaseDue(streamTime);
        Order order = record.value().order();
        if (order != null) {
            long orderTime = record.timestamp();
            if (isDue(orderTime, streamTime)) {
                join(order, orderTime);
            } else {
                buffer.put(BufferKey.of(orderTime, order.orderId()), order);
                oldestWaiting = oldestWaiting == null ? orderTime : Math.min(oldestWaiting, orderTime);
            }
        }
    }

    private boolean isDue(long orderTime, long streamTime) {
        return orderTime <= streamTime - grace;
    }

    /**
     * Joins, oldest first, every waiting order whose grace has passed. One scan from the oldest waiting time
     * (not from the start, where released orders leave deletions behind in RocksDB until compaction) finds
     * both the due orders and, by its first key that is not due, the next oldest; values are read only for
     * the due ones.
     */
    private void releaseDue(long streamTime) {
        if (oldestWaiting == null || !isDue(oldestWaiting, streamTime)) {
            return;
        }
        List<KeyValue<Bytes, Order>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, Order> waiting = buffer.range(BufferKey.prefix(oldestWaiting), null)) {
            while (waiting.hasNext() && isDue(BufferKey.time(waiting.peekNextKey()), streamTime)) {
                due.add(waiting.next());
            }
            oldestWaiting = waiting.hasNext() ? BufferKey.time(waiting.peekNextKey()) : null;
        }
        for (KeyValue<Bytes, Order> order : due) {
            buffer.delete(order.key);
            join(order.value, BufferKey.time(order.key));
        }
    }

    private void join(Order order, long orderTime) {
        VersionedRecord<CustomerVersion> version = versions.get(order.customerId(), orderTime);
        OrderResult result;
        if (version == null) {
            result = OrderResult.unmatched(order, OrderResult.UNKNOWN_CUSTOMER);
        } else if (version.value().deleted()) {
            result = OrderResult.unmatched(order, OrderResult.CUSTOMER_DELETED);
        } else {
            result = OrderResult.enriched(order, version.value().customer());
        }
        byte[] json = Json.write(result);
        listForCustomer(order.customerId(), order.orderId(), result.isEnriched() ? json : null, orderTime);
        context.forward(new Record<>(order.orderId(), new Joined(result.isEnriched(), json), orderTime, new RecordHeaders()));
    }

    /**
     * Keeps the customer's list of enriched orders in step with the order's latest result: an order sent again
     * with the same id and time is joined again, and its entry then shows the new result, as
     * {@code GET /api/orders/{id}} does; {@code json} null (unmatched this time) takes it off the list.
     */
    private void listForCustomer(String customerId, String orderId, byte[] json, long orderTime) {
        OrdersAt listed = customerOrders.fetch(customerId, orderTime);
        if (listed == null) {
            if (json != null) {
                customerOrders.put(customerId, OrdersAt.of(orderId, json), orderTime);
            }
        } else if (json != null || listed.contains(orderId)) {
            // a null value deletes the entry (its last order left it)
            customerOrders.put(customerId, listed.with(orderId, json), orderTime);
        }
    }
}
