package dev.streamsuite.orders.topology;

import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Order;
import dev.streamsuite.runtime.streams.ServiceTopology.TopicSpec;
import dev.streamsuite.runtime.topology.Input;
import dev.streamsuite.runtime.topology.InputSerde;
import dev.streamsuite.runtime.topology.InputSpec;
import dev.streamsuite.runtime.topology.InputTopic;
import dev.streamsuite.runtime.topology.TopologyEvents;
import dev.streamsuite.runtime.topology.VersionedStores;
import dev.streamsuite.runtime.topology.WindowStores;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * customers → validate (bad → customers.dlq) → {@link CustomerVersions} (versioned store at updatedAt);
 * orders → validate (bad → orders.dlq) → repartition by customerId; both → {@link TemporalJoin} (join
 * buffer, lookup as of order time) → enriched-orders / orders-unmatched, keyed by orderId. A second
 * sub-topology reads both outputs back into {@link #ORDERS_BY_ID_STORE} for queries by orderId.
 *
 * <p>The join is hand-written with the Processor API instead of the DSL's stream-table join with
 * {@code Joined.withGracePeriod} (KIP-923), whose grace buffer loses waiting orders across restarts.
 */
public final class OrderTopology {

    public static final String CUSTOMERS = "customers";
    public static final String ORDERS = "orders";
    public static final String ENRICHED = "enriched-orders";
    public static final String UNMATCHED = "orders-unmatched";
    public static final String REPARTITION = "orders-by-customer";
    /** Every customer version at its updatedAt; a deletion is a {@link CustomerVersion#deletion()} marker. */
    public static final String CUSTOMERS_STORE = "customers-versioned-store";
    /** Orders waiting for their grace, by (order time, orderId). */
    public static final String BUFFER_STORE = "orders-join-buffer";
    /**
     * Enriched orders by customerId at their order time (partitioned by customerId), as {@link OrdersAt}:
     * one entry per customer and millisecond. The earlier version kept one duplicate entry per order;
     * those have sequence numbers from 1 up in their store keys, entries written since have 0, so both
     * stay readable side by side in the same store and changelog.
     */
    public static final String CUSTOMER_ORDERS_STORE = "customer-orders-store";
    /** Joined orders (enriched or unmatched) as their output JSON, by orderId at their order time (partitioned by orderId). */
    public static final String ORDERS_BY_ID_STORE = "orders-by-id-store";

    /**
     * The window length of the two order stores. Each entry holds the orders at one instant; only the
     * window start (the order time) is ever used.
     */
    private static final Duration ORDER_WINDOW = Duration.ofMillis(1);

    /**
     * Fixed, so that {@code orders.retention} and the customer history retention can change on a restart (see
     * {@link WindowStores}); each is what Kafka Streams derives from the default {@code P7D}.
     */
    static final Duration ORDERS_SEGMENT_INTERVAL = WindowStores.kafkaStreamsSegmentInterval(Duration.ofDays(7));
    static final Duration CUSTOMERS_SEGMENT_INTERVAL = Duration.ofDays(7).dividedBy(24);

    private final Duration grace;
    private final Duration customerHistoryRetention;
    private final Duration retention;
    private final Duration maxFutureSkew;
    private final TopologyEvents events;

    public OrderTopology(Duration grace, Duration customerHistoryRetention, Duration retention, Duration maxFutureSkew,
                         TopologyEvents events) {
        this.grace = grace;
        this.customerHistoryRetention = customerHistoryRetention;
        this.retention = retention;
        this.maxFutureSkew = maxFutureSkew;
        this.events = events;
    }

    public static InputSpec<Customer> customersSpec() {
        // a tombstone needs the customerId as key too: it says which customer is deleted
        return new InputSpec<>(CUSTOMERS, Customer::parse, Customer::updatedAt,
                InputSpec.keyEquals("customerId", Customer::customerId), true);
    }

    public static InputSpec<Order> ordersSpec() {
        return new InputSpec<>(ORDERS, Order::parse, Order::timestamp, InputSpec.keyEqualsOrNull("orderId", Order::orderId),
                false);
    }

    public List<TopicSpec> topics() {
        return List.of(TopicSpec.compactedInput(CUSTOMERS), TopicSpec.output(CUSTOMERS + ".dlq"), TopicSpec.input(ORDERS),
                TopicSpec.output(ORDERS + ".dlq"), TopicSpec.output(ENRICHED), TopicSpec.output(UNMATCHED));
    }

    /**
     * The topology with the repartition topic sized by Kafka Streams (as many partitions as {@code orders}): for tests,
     * whose topics have one count; the service passes the count of {@code customers} (below).
     */
    Topology build() {
        return build(OptionalInt.empty());
    }

    /**
     * @param customersPartitions the partition count of {@code customers}, when known: the repartition topic gets
     *     as many, so that partition p of both holds the same customers whatever {@code orders} has (as the DSL's
     *     stream-table join does); sized by {@code orders} instead, the join would miss the customers of every
     *     other partition.
     */
    public Topology build(OptionalInt customersPartitions) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(VersionedStores.builder(
                VersionedStores.persistent(CUSTOMERS_STORE, customerHistoryRetention, CUSTOMERS_SEGMENT_INTERVAL),
                Serdes.String(), Codecs.CUSTOMER_VERSION));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BUFFER_STORE),
                Serdes.Bytes(), Codecs.BUFFERED_ORDER).withCachingDisabled());
        builder.addStateStore(WindowStores.builder(
                WindowStores.persistent(CUSTOMER_ORDERS_STORE, retention, ORDER_WINDOW, ORDERS_SEGMENT_INTERVAL),
                Serdes.String(), OrdersAt.SERDE));
        builder.addStateStore(WindowStores.builder(
                WindowStores.persistent(ORDERS_BY_ID_STORE, retention, ORDER_WINDOW, ORDERS_SEGMENT_INTERVAL),
                Serdes.String(), Serdes.ByteArray()));

        KStream<String, JoinInput> customerChanges = InputTopic.read(builder, customersSpec(), maxFutureSkew, events)
                .process(() -> new CustomerVersions(customerHistoryRetention.toMillis()), Named.as("customers-versions"),
                        CUSTOMERS_STORE);

        KStream<String, JoinInput> ordersByCustomer = InputTopic.read(builder, ordersSpec(), maxFutureSkew, events)
                .selectKey((orderId, input) -> input.value().customerId(), Named.as("orders-key-by-customer"))
                .repartition(byCustomer(customersPartitions))
                .mapValues(input -> new JoinInput(input.value()), Named.as("orders-join-input"));

        KStream<String, Joined> results = ordersByCustomer
                .merge(customerChanges, Named.as("orders-and-customer-changes"))
                .process(() -> new TemporalJoin(grace.toMillis()), Named.as("orders-temporal-join"),
                        CUSTOMERS_STORE, BUFFER_STORE, CUSTOMER_ORDERS_STORE);

        var byStatus = results.split(Named.as("orders-result-"))
                .branch((orderId, joined) -> joined.enriched(), Branched.as("enriched"))
                .defaultBranch(Branched.as("unmatched"));
        byStatus.get("orders-result-enriched")
                .to(ENRICHED, Produced.with(Serdes.String(), Joined.AS_JSON).withName("enriched-orders-sink"));
        byStatus.get("orders-result-unmatched")
                .to(UNMATCHED, Produced.with(Serdes.String(), Joined.AS_JSON).withName("orders-unmatched-sink"));

        builder.stream(List.of(ENRICHED, UNMATCHED), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("orders-results-source"))
                .process(OrderIndex::new, Named.as("orders-by-id-index"), ORDERS_BY_ID_STORE);
        return builder.build();
    }

    private static Repartitioned<String, Input<Order>> byCustomer(OptionalInt customersPartitions) {
        Repartitioned<String, Input<Order>> repartitioned = Repartitioned.<String, Input<Order>>as(REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(InputSerde.repartitioned(Order::parse, Codecs::writeOrder, Codecs::readOrder));
        return customersPartitions.isPresent()
                ? repartitioned.withNumberOfPartitions(customersPartitions.getAsInt())
                : repartitioned;
    }
}
