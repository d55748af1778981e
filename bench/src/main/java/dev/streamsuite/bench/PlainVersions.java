package dev.streamsuite.bench;

import dev.streamsuite.loadgen.EventType;
import dev.streamsuite.model.Balance;
import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Json;
import dev.streamsuite.model.Order;
import dev.streamsuite.model.OrderResult;
import dev.streamsuite.model.Purchase;
import dev.streamsuite.model.PurchaseSummary;
import dev.streamsuite.model.Transaction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The third baseline ({@code --plain}): each service written the straightforward way, as the Kafka Streams
 * DSL suggests, to show what the suite's own work costs or saves. Values are read and stored as JSON with the
 * shared model's Jackson serdes, event time is the record's timestamp, and there is no validation, dead-letter
 * queue, late-record topic or query index; all outputs go to one topic. Started by {@link StreamsCopy} with
 * the services' processing settings.
 */
public final class PlainVersions {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration WINDOW_GRACE = Duration.ofMinutes(1);
    private static final Duration SUMMARY_RETENTION = Duration.ofDays(1);
    private static final Duration CUSTOMER_HISTORY = Duration.ofDays(7);
    private static final Duration JOIN_GRACE = Duration.ofMinutes(1);

    private PlainVersions() {
    }

    /** The plain version of {@code service} (a name {@link Service#of} knows, such as {@code fraud-detector}), writing to {@code output}. */
    public static Topology of(String service, String output) {
        return switch (Service.of(service)) {
            case PURCHASE_AGGREGATOR -> purchases(output);
            case ORDER_ENRICHER -> orders(output);
            case FRAUD_DETECTOR -> transactions(output);
        };
    }

    /**
     * Purchases (type PURCHASE) summed per user in 5-minute windows with a grace of 1 minute: every update
     * (through the record cache) and, with {@code suppress}, one final summary per closed window.
     */
    static Topology purchases(String output) {
        StreamsBuilder b = new StreamsBuilder();
        KTable<Windowed<String>, PurchaseSummary> summaries = b
                .stream(EventType.PURCHASES.defaultTopic(), Consumed.with(Serdes.String(), Json.serde(Purchase.class)))
                .filter((k, p) -> p.type() == null || Purchase.PURCHASE.equals(p.type()))
                .groupByKey(Grouped.with(Serdes.String(), Json.serde(Purchase.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, WINDOW_GRACE))
                .aggregate(() -> new PurchaseSummary(null, null, null, 0, BigDecimal.ZERO, null, null),
                        (user, p, s) -> new PurchaseSummary(user, null, null, s.count() + 1, s.totalAmount().add(p.amount()),
                                s.minAmount() == null ? p.amount() : s.minAmount().min(p.amount()),
                                s.maxAmount() == null ? p.amount() : s.maxAmount().max(p.amount())),
                        Materialized.<String, PurchaseSummary, WindowStore<Bytes, byte[]>>as("plain-summaries")
                                .withKeySerde(Serdes.String()).withValueSerde(Json.serde(PurchaseSummary.class))
                                .withRetention(SUMMARY_RETENTION.plus(WINDOW)));
        Produced<String, PurchaseSummary> produced = Produced.with(Serdes.String(), Json.serde(PurchaseSummary.class));
        summaries.toStream().map(PlainVersions::withWindow).to(output, produced);
        summaries.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("plain-final"))
                .toStream().map(PlainVersions::withWindow).to(output, produced);
        return b.build();
    }

    private static KeyValue<String, PurchaseSummary> withWindow(Windowed<String> w, PurchaseSummary s) {
        return KeyValue.pair(w.key(), new PurchaseSummary(w.key(), Instant.ofEpochMilli(w.window().start()),
                Instant.ofEpochMilli(w.window().end()), s.count(), s.totalAmount(), s.minAmount(), s.maxAmount()));
    }

    /**
     * Orders re-keyed by customer and joined with the customers table kept as a versioned store (the DSL's
     * temporal join, KIP-914 and KIP-923): the customer version current at the order's time, waiting up to the
     * join grace for out-of-order customer records. Orders without a customer come out unmatched.
     */
    static Topology orders(String output) {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, Customer> customers = b.table(EventType.CUSTOMERS.defaultTopic(), Consumed.with(Serdes.String(), Json.serde(Customer.class)),
                Materialized.<String, Customer>as(Stores.persistentVersionedKeyValueStore("plain-customers", CUSTOMER_HISTORY))
                        .withKeySerde(Serdes.String()).withValueSerde(Json.serde(Customer.class)));
        b.stream(EventType.ORDERS.defaultTopic(), Consumed.with(Serdes.String(), Json.serde(Order.class)))
                .selectKey((orderId, o) -> o.customerId())
                .leftJoin(customers,
                        (o, c) -> c == null ? OrderResult.unmatched(o, OrderResult.UNKNOWN_CUSTOMER) : OrderResult.enriched(o, c),
                        Joined.with(Serdes.String(), Json.serde(Order.class), Json.serde(Customer.class), "plain-orders-by-customer")
                                .withGracePeriod(JOIN_GRACE))
                .selectKey((customerId, r) -> r.orderId())
                .to(output, Produced.with(Serdes.String(), Json.serde(OrderResult.class)));
        return b.build();
    }

    /** A running balance per user; every update below zero is written out (through the record cache). */
    static Topology transactions(String output) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(EventType.TRANSACTIONS.defaultTopic(), Consumed.with(Serdes.String(), Json.serde(Transaction.class)))
                .groupByKey(Grouped.with(Serdes.String(), Json.serde(Transaction.class)))
                .aggregate(() -> new Balance(null, BigDecimal.ZERO, 0, null),
                        (user, t, a) -> new Balance(user, a.balance().add(t.amount()), a.transactionCount() + 1, t.timestamp()),
                        Materialized.<String, Balance, KeyValueStore<Bytes, byte[]>>as("plain-balances")
                                .withKeySerde(Serdes.String()).withValueSerde(Json.serde(Balance.class)))
                .toStream()
                .filter((user, balance) -> balance.balance().signum() < 0)
                .to(output, Produced.with(Serdes.String(), Json.serde(Balance.class)));
        return b.build();
    }
}
