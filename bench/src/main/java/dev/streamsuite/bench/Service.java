package dev.streamsuite.bench;

import dev.streamsuite.loadgen.EventType;
import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Json;
import dev.streamsuite.model.Order;
import dev.streamsuite.model.OrderItem;
import dev.streamsuite.model.Purchase;
import dev.streamsuite.model.Transaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * What the benchmark needs to know of each service: the jar, the input topics it is pre-loaded on, the
 * topics it reads back from its own outputs, and for the latency run the records it is fed and the output
 * record each of them yields.
 *
 * <p>Latency inputs carry the wall-clock time of sending (less {@link #latencyLagMs()}) as their event time;
 * every service writes its outputs with the input's event time as record timestamp (the services build fresh
 * headers, so headers do not carry over), so the latency of an output is the time it was read minus its
 * record timestamp (plus the lag). Each
 * latency input yields exactly one counted output: a summary update for a purchase, the
 * {@code NEGATIVE_BALANCE} alert of a transaction of a user deep in the red, the enriched or unmatched
 * result of an order.
 */
public enum Service {

    PURCHASE_AGGREGATOR("purchase-aggregator", List.of(EventType.PURCHASES), List.of(), List.of("purchase-summaries")) {
        @Override
        ProducerRecord<String, byte[]> latencyInput(String runId, long i, long timestampMs, int customers) {
            String user = LATENCY_USER + (i % LATENCY_USERS);
            Purchase purchase = new Purchase("lat-p-" + runId + "-" + i, user, new BigDecimal("12.50"), Purchase.PURCHASE,
                    Instant.ofEpochMilli(timestampMs));
            return new ProducerRecord<>("purchases", null, timestampMs, user, Json.write(purchase));
        }

        @Override
        boolean isLatencyOutput(ConsumerRecord<byte[], byte[]> record) {
            return startsWith(record.key(), LATENCY_USER);
        }
    },

    ORDER_ENRICHER("order-enricher", List.of(EventType.CUSTOMERS, EventType.ORDERS),
            List.of("enriched-orders", "orders-unmatched"), List.of("enriched-orders", "orders-unmatched")) {
        @Override
        ProducerRecord<String, byte[]> latencyInput(String runId, long i, long timestampMs, int customers) {
            // the customers of the pre-loaded backlog, c-1..c-N
            String orderId = LATENCY_ORDER + runId + "-" + i;
            Order order = new Order(orderId, "c-" + (1 + i % customers), new BigDecimal("19.98"), "EUR",
                    List.of(new OrderItem("SKU-001", 2, new BigDecimal("9.99"))), Instant.ofEpochMilli(timestampMs));
            return new ProducerRecord<>("orders", null, timestampMs, orderId, Json.write(order));
        }

        @Override
        boolean isLatencyOutput(ConsumerRecord<byte[], byte[]> record) {
            return startsWith(record.key(), LATENCY_ORDER);
        }

        /**
         * Every order waits for its customer until stream time passes its time plus the join grace (PT1M by
         * default). The latency orders are therefore stamped that much (and a second) before the wall clock,
         * and customer updates at the wall clock ({@link #latencyTicks}) keep stream time of every partition
         * at the wall clock: an order is due the moment it arrives, as any order older than the grace is.
         */
        @Override
        long latencyLagMs() {
            return 61_000;
        }

        /**
         * The backlog ends with a customer change on every partition a grace (and a second) after its last
         * event, so that every pre-loaded order is joined within the throughput run: otherwise the orders of
         * its last minute of event time would stay waiting, and their join would not be measured.
         */
        @Override
        List<ProducerRecord<String, byte[]>> backlogTail(long lastEventMs, int partitions) {
            return latencyTicks(lastEventMs + 61_000, partitions);
        }

        @Override
        List<ProducerRecord<String, byte[]>> latencyTicks(long nowMs, int partitions) {
            List<ProducerRecord<String, byte[]>> ticks = new ArrayList<>();
            for (String customerId : tickCustomers(partitions)) {
                Customer customer = new Customer(customerId, "Clock Tick", null, "BRONZE", "GB", Instant.ofEpochMilli(nowMs));
                ticks.add(new ProducerRecord<>("customers", null, nowMs, customerId, Json.write(customer)));
            }
            return ticks;
        }
    },

    FRAUD_DETECTOR("fraud-detector", List.of(EventType.TRANSACTIONS), List.of(), List.of("fraud-alerts")) {
        @Override
        ProducerRecord<String, byte[]> latencyInput(String runId, long i, long timestampMs, int customers) {
            String user = LATENCY_USER + (i % LATENCY_USERS);
            // Each user's first input is a large debit, the rest are small credits: the balance stays below zero,
            // so every input raises NEGATIVE_BALANCE and only that (credits count for no other rule). Debits at
            // this rate would also raise VELOCITY for every input, a heavier load than the backlog's.
            BigDecimal amount = i < LATENCY_USERS ? LATENCY_DEBIT : LATENCY_CREDIT;
            Transaction t = new Transaction("lat-t-" + runId + "-" + i, user, amount, Instant.ofEpochMilli(timestampMs),
                    "m-1", "GB");
            return new ProducerRecord<>("transactions", null, timestampMs, user, Json.write(t));
        }

        @Override
        boolean isLatencyOutput(ConsumerRecord<byte[], byte[]> record) {
            return startsWith(record.key(), LATENCY_USER) && record.value() != null
                    && new String(record.value(), StandardCharsets.UTF_8).contains(NEGATIVE_BALANCE);
        }

        /**
         * The query benchmark adds a second instance, which must take over half of the active tasks at once
         * rather than after a probing rebalance (10 minutes): it only affects where tasks are placed.
         */
        @Override
        List<String> extraArgs() {
            return List.of("--spring.kafka.streams.properties.acceptable.recovery.lag=" + Long.MAX_VALUE);
        }
    };

    static final String LATENCY_USER = "lat-u-";
    static final String LATENCY_ORDER = "lat-o-";
    static final int LATENCY_USERS = 1000;
    private static final BigDecimal LATENCY_DEBIT = new BigDecimal("-1000000.00");
    private static final BigDecimal LATENCY_CREDIT = new BigDecimal("0.01");
    private static final String NEGATIVE_BALANCE = "\"rule\":\"NEGATIVE_BALANCE\"";
    private static final byte[] NO_BYTES = new byte[0];

    private final String serviceName;
    private final List<EventType> inputs;
    private final List<String> readBack;
    private final List<String> latencyOutputs;

    Service(String serviceName, List<EventType> inputs, List<String> readBack, List<String> latencyOutputs) {
        this.serviceName = serviceName;
        this.inputs = inputs;
        this.readBack = readBack;
        this.latencyOutputs = latencyOutputs;
    }

    /** The module name, also the jar's name: {@code <name>/target/<name>.jar}. */
    public String serviceName() {
        return serviceName;
    }

    List<EventType> inputTypes() {
        return inputs;
    }

    List<String> inputTopics() {
        return inputs.stream().map(EventType::defaultTopic).toList();
    }

    /** Output topics a second sub-topology of the service reads back (part of its work). */
    List<String> readBackTopics() {
        return readBack;
    }

    List<String> latencyOutputs() {
        return latencyOutputs;
    }

    /** The latency run's {@code i}-th input, with event time and record timestamp {@code timestampMs}. */
    abstract ProducerRecord<String, byte[]> latencyInput(String runId, long i, long timestampMs, int customers);

    /** Whether an output record is the one counted output of a latency input. */
    abstract boolean isLatencyOutput(ConsumerRecord<byte[], byte[]> record);

    /** Arguments of every instance besides the defaults. */
    List<String> extraArgs() {
        return List.of();
    }

    /** Records appended to the pre-loaded backlog, after its last event at {@code lastEventMs}. */
    List<ProducerRecord<String, byte[]>> backlogTail(long lastEventMs, int partitions) {
        return List.of();
    }

    /** How long before the wall clock the latency inputs are stamped; their latency is measured from sending. */
    long latencyLagMs() {
        return 0;
    }

    /** Records sent every 100 ms besides the latency inputs, stamped {@code nowMs}; they yield no counted output. */
    List<ProducerRecord<String, byte[]>> latencyTicks(long nowMs, int partitions) {
        return List.of();
    }

    /** Customer ids whose records land one on each of {@code partitions} partitions (Kafka's default partitioner). */
    static List<String> tickCustomers(int partitions) {
        String[] byPartition = new String[partitions];
        int found = 0;
        for (int k = 0; found < partitions; k++) {
            String id = "lat-c-" + k;
            int p = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (byPartition[p] == null) {
                byPartition[p] = id;
                found++;
            }
        }
        return List.of(byPartition);
    }

    public static Service of(String name) {
        for (Service s : values()) {
            if (s.serviceName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service '" + name + "' (expected one of "
                + Arrays.stream(values()).map(Service::serviceName).collect(Collectors.joining(", ")) + ")");
    }

    private static boolean startsWith(byte[] key, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] k = key == null ? NO_BYTES : key;
        return k.length >= p.length && Arrays.equals(k, 0, p.length, p, 0, p.length);
    }
}
