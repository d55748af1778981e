package dev.streamsuite.orders;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The design the order-enricher does not use, run as a child JVM by {@link OrderEnricherIT} to check the
 * upstream defect: the DSL's stream–table left join on a versioned table with a join grace (KIP-923).
 * Orders (value = orderId) keyed by customerId on {@link #ORDERS}, customers on {@link #CUSTOMERS}, both
 * one partition with the producer's record timestamps as event time; output "orderId|customer" on
 * {@link #JOINED}. Arguments: bootstrap servers, state directory.
 */
public final class DslGraceJoinProbe {

    static final String CUSTOMERS = "probe-customers";
    static final String ORDERS = "probe-orders";
    static final String JOINED = "probe-joined";
    static final String APPLICATION_ID = "dsl-grace-join-probe";
    static final Duration GRACE = Duration.ofSeconds(30);

    private DslGraceJoinProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> customers = builder.table(CUSTOMERS, Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String>as(Stores.persistentVersionedKeyValueStore("probe-customers-store",
                        Duration.ofDays(1))).withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        builder.stream(ORDERS, Consumed.with(Serdes.String(), Serdes.String()))
                .leftJoin(customers, (order, customer) -> order + "|" + customer,
                        Joined.<String, String, String>with(Serdes.String(), Serdes.String(), Serdes.String())
                                .withGracePeriod(GRACE))
                .to(JOINED, Produced.with(Serdes.String(), Serdes.String()));

        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(StreamsConfig.STATE_DIR_CONFIG, args[1]);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        config.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close(Duration.ofSeconds(30));
            closed.countDown();
        }));
        streams.setStateListener((now, before) -> System.out.println("STATE " + now));
        streams.start();
        closed.await();
    }
}
