import dev.streamsuite.model.Balance;
import dev.streamsuite.model.Json;
import dev.streamsuite.model.Transaction;
import java.math.BigDecimal;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.*;
import org.apache.kafka.streams.kstream.*;

/**
 * A straightforward plain Kafka Streams balance aggregator, the reference of bench/plain/compare-fraud.sh:
 * JSON in, JSON state, exactly-once v2, Kafka Streams defaults otherwise (record cache on). Prints the
 * rate between 10% and 90% of {@code total} records.
 */
public class PlainFraud {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0]; long total = Long.parseLong(args[1]); String stateDir = args[2];
        StreamsBuilder b = new StreamsBuilder();
        AtomicLong n = new AtomicLong(); long[] marks = new long[3];
        b.stream("transactions", Consumed.with(Serdes.String(), Serdes.ByteArray()))
         .mapValues(v -> Json.read(v, Transaction.class))
         .peek((k, v) -> { long c = n.incrementAndGet(); long t = System.nanoTime();
             if (c == 1) marks[0] = t; if (c == total / 10) marks[1] = t; if (c == total * 9 / 10) { marks[2] = t;
               System.out.printf("steady %.0f rec/s, overall-from-first %.0f%n", (total * 0.8) / ((marks[2] - marks[1]) / 1e9), (total*0.9)/((marks[2]-marks[0])/1e9)); } })
         .groupByKey(Grouped.with(Serdes.String(), Json.serde(Transaction.class)))
         .aggregate(() -> new Balance(null, BigDecimal.ZERO, 0, null),
                 (k, t, a) -> new Balance(k, a.balance().add(t.amount()), a.transactionCount() + 1, t.timestamp()),
                 Materialized.<String, Balance, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as("plain-balances")
                         .withKeySerde(Serdes.String()).withValueSerde(Json.serde(Balance.class)))
         .toStream().filter((k, v) -> v.balance().signum() < 0)
         .to("plain-alerts", Produced.with(Serdes.String(), Json.serde(Balance.class)));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "plain-fraud-" + System.nanoTime());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        p.put("consumer.auto.offset.reset", "earliest");
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        KafkaStreams ks = new KafkaStreams(b.build(), p);
        ks.start();
        while (marks[2] == 0) Thread.sleep(200);
        Thread.sleep(1000); ks.close(); System.exit(0);
    }
}
