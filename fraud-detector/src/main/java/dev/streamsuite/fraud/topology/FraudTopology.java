package dev.streamsuite.fraud.topology;

import dev.streamsuite.model.FraudAlert;
import dev.streamsuite.model.Json;
import dev.streamsuite.model.Transaction;
import dev.streamsuite.runtime.streams.ServiceTopology.TopicSpec;
import dev.streamsuite.runtime.topology.Input;
import dev.streamsuite.runtime.topology.InputSpec;
import dev.streamsuite.runtime.topology.InputTopic;
import dev.streamsuite.runtime.topology.TopologyEvents;
import dev.streamsuite.runtime.topology.WindowStores;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * transactions → validate (bad → transactions.dlq) → {@link FraudProcessor} ("fraud-rules", with
 * balances-store, transaction-ids-store, alerts-store) → fraud-alerts.
 *
 * <p>The input is keyed by userId (a null or different key is bad input), so each user's transactions
 * are read in order from one partition and need no repartition; balances follow that read order.
 */
public final class FraudTopology {

    public static final String INPUT = "transactions";
    public static final String ALERTS = "fraud-alerts";
    public static final String BALANCES_STORE = "balances-store";
    public static final String TRANSACTION_IDS_STORE = "transaction-ids-store";
    public static final String ALERTS_STORE = "alerts-store";
    public static final String PROCESSOR = "fraud-rules";

    /** The window stores keep points in time; their "window" is one millisecond. */
    private static final Duration POINT = Duration.ofMillis(1);

    /** Fixed, so that either retention can change on a restart (see {@link WindowStores}); derived from their default. */
    static final Duration SEGMENT_INTERVAL = WindowStores.kafkaStreamsSegmentInterval(Duration.ofDays(7));

    private final RuleSettings rules;
    private final Duration dedupRetention;
    private final Duration alertRetention;
    private final Duration maxFutureSkew;
    private final TopologyEvents events;
    private final Clock clock;

    public FraudTopology(RuleSettings rules, Duration dedupRetention, Duration alertRetention, Duration maxFutureSkew,
                         TopologyEvents events) {
        this(rules, dedupRetention, alertRetention, maxFutureSkew, events, Clock.systemUTC());
    }

    /** With the wall clock that judges {@code max-future-skew}, for tests with fixed event times. */
    public FraudTopology(RuleSettings rules, Duration dedupRetention, Duration alertRetention, Duration maxFutureSkew,
                         TopologyEvents events, Clock clock) {
        this.rules = rules;
        this.dedupRetention = dedupRetention;
        this.alertRetention = alertRetention;
        this.maxFutureSkew = maxFutureSkew;
        this.events = events;
        this.clock = clock;
    }

    public static InputSpec<Transaction> inputSpec() {
        return new InputSpec<>(INPUT, Transaction::parse, Transaction::timestamp,
                InputSpec.keyEquals("userId", Transaction::userId), false);
    }

    public List<TopicSpec> topics() {
        return List.of(TopicSpec.input(INPUT), TopicSpec.output(INPUT + ".dlq"), TopicSpec.output(ALERTS));
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Input<Transaction>> valid = InputTopic.read(builder, inputSpec(), maxFutureSkew, events, clock);

        // Cached: a user's state is read and written for each of its transactions; the cache answers the read
        // without RocksDB and keeps only the last write of a commit interval for RocksDB and the changelog.
        // It is flushed before every commit, so exactly-once is unchanged, and queries read through it.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BALANCES_STORE),
                Serdes.String(), UserState.SERDE).withCachingEnabled());
        // retention also sets the changelog's time-based deletion, so expired ids leave the changelog too.
        // Not cached: de-duplication must see exactly the window store's own expiry.
        builder.addStateStore(WindowStores.builder(
                WindowStores.persistent(TRANSACTION_IDS_STORE, dedupRetention, POINT, SEGMENT_INTERVAL),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(WindowStores.builder(
                WindowStores.persistent(ALERTS_STORE, alertRetention, POINT, SEGMENT_INTERVAL),
                Serdes.String(), AlertsAt.SERDE));

        FraudRules fraudRules = new FraudRules(rules);
        FraudRules.ALL.forEach(events::mayAlert);
        events.mayBeDuplicate(INPUT);
        long dedupMs = dedupRetention.toMillis();
        long alertMs = alertRetention.toMillis();
        valid.process(() -> new FraudProcessor(fraudRules, dedupMs, alertMs, events), Named.as(PROCESSOR),
                        BALANCES_STORE, TRANSACTION_IDS_STORE, ALERTS_STORE)
                .to(ALERTS, Produced.with(Serdes.String(), Json.serde(FraudAlert.class)).withName("fraud-alerts-sink"));
        return builder.build();
    }
}
