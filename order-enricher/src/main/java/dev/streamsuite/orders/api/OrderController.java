package dev.streamsuite.orders.api;

import dev.streamsuite.model.Customer;
import dev.streamsuite.orders.topology.CustomerVersion;
import dev.streamsuite.orders.topology.OrderTopology;
import dev.streamsuite.orders.topology.OrdersAt;
import dev.streamsuite.runtime.query.ApiException;
import dev.streamsuite.runtime.query.InteractiveQueries;
import dev.streamsuite.runtime.query.Params;
import dev.streamsuite.runtime.topology.WindowStores;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.VersionedKeyQuery;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.util.RawValue;

/** Customers and a customer's orders (both by customerId) and orders by orderId, each forwarded to its owner. */
@RestController
public class OrderController {

    private final InteractiveQueries queries;

    public OrderController(InteractiveQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/customers/{customerId}")
    public ResponseEntity<?> customer(@PathVariable String customerId, HttpServletRequest request) {
        return queries.byKey(OrderTopology.CUSTOMERS_STORE, customerId, request, () -> currentCustomer(customerId), "");
    }

    @GetMapping("/api/orders/{orderId}")
    public ResponseEntity<?> order(@PathVariable String orderId, HttpServletRequest request) {
        return queries.byKey(OrderTopology.ORDERS_BY_ID_STORE, orderId, request, () -> {
            // an orderId sent again with another timestamp is in the store twice: the newer order time wins
            try (WindowStoreIterator<byte[]> newestFirst = ordersById().backwardFetch(orderId, Instant.EPOCH, WindowStores.END_OF_TIME)) {
                return newestFirst.hasNext() ? Optional.of(asIs(newestFirst.next().value)) : Optional.empty();
            }
        }, "no order '" + orderId + "' (unknown, still waiting for its join grace, or older than the retention)");
    }

    @GetMapping("/api/customers/{customerId}/orders")
    public ResponseEntity<?> customerOrders(@PathVariable String customerId, @RequestParam(required = false) String limit,
                                            HttpServletRequest request) {
        int max = Params.limit(limit, 50);
        return queries.byKey(OrderTopology.CUSTOMER_ORDERS_STORE, customerId, request,
                () -> Optional.of(newestOrders(customerId, max)), "");
    }

    /**
     * The version with the greatest updatedAt, through an IQv2 query on the versioned store itself rather
     * than a second "current" store: the versioned store keeps each key's latest version regardless of
     * the history retention, so it is the single source of truth.
     */
    private Optional<Customer> currentCustomer(String customerId) {
        KafkaStreams streams = queries.streams();
        // the partition the query layer routed the key to: a metadata lookup of its own could differ mid-rebalance
        int partition = queries.scopedPartition()
                .orElseThrow(() -> new IllegalStateException("a customer lookup outside the query layer's scope"));
        VersionedKeyQuery<String, CustomerVersion> query = VersionedKeyQuery.withKey(customerId);
        StateQueryRequest<VersionedRecord<CustomerVersion>> request = StateQueryRequest
                .inStore(OrderTopology.CUSTOMERS_STORE)
                .withQuery(query)
                .withPartitions(Set.of(partition));
        // the query layer decided which copy answers: this instance's active one, or its standby (KIP-535)
        QueryResult<VersionedRecord<CustomerVersion>> result = streams.query(queries.staleReadAllowed() ? request
                : request.requireActive()).getPartitionResults().get(partition);
        if (result == null || result.isFailure()) {
            FailureReason reason = result == null ? FailureReason.NOT_PRESENT : result.getFailureReason();
            if (reason == FailureReason.NOT_ACTIVE || reason == FailureReason.NOT_PRESENT) {
                throw queries.unavailable("the customers store partition " + partition + " is not queryable here right now ("
                        + reason + ")");
            }
            throw new IllegalStateException("customers store query failed: " + reason + " " + result.getFailureMessage());
        }
        VersionedRecord<CustomerVersion> latest = result.getResult();
        if (latest == null) {
            throw ApiException.notFound("unknown customer '" + customerId + "'");
        }
        if (latest.value().deleted()) {
            throw ApiException.notFound("customer '" + customerId + "' was deleted at "
                    + Instant.ofEpochMilli(latest.timestamp()));
        }
        return Optional.of(latest.value().customer());
    }

    private List<RawValue> newestOrders(String customerId, int limit) {
        try (WindowStoreIterator<OrdersAt> newestFirst = customerOrders().backwardFetch(customerId, Instant.EPOCH, WindowStores.END_OF_TIME)) {
            return OrdersAt.newest(newestFirst, limit).stream().map(order -> asIs(order.json())).toList();
        }
    }

    /** Stored output JSON, written into the answer unchanged: the same text as the order it was written from. */
    static RawValue asIs(byte[] json) {
        return new RawValue(new String(json, StandardCharsets.UTF_8));
    }

    private ReadOnlyWindowStore<String, byte[]> ordersById() {
        return queries.localStore(OrderTopology.ORDERS_BY_ID_STORE, QueryableStoreTypes.windowStore());
    }

    private ReadOnlyWindowStore<String, OrdersAt> customerOrders() {
        return queries.localStore(OrderTopology.CUSTOMER_ORDERS_STORE, QueryableStoreTypes.windowStore());
    }
}
