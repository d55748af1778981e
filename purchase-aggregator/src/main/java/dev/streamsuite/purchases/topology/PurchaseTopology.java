package dev.streamsuite.purchases.topology;

import dev.streamsuite.model.Json;
import dev.streamsuite.model.Purchase;
import dev.streamsuite.model.PurchaseSummary;
import dev.streamsuite.runtime.streams.ServiceTopology.TopicSpec;
import dev.streamsuite.runtime.topology.Input;
import dev.streamsuite.runtime.topology.InputSerde;
import dev.streamsuite.runtime.topology.InputSpec;
import dev.streamsuite.runtime.topology.InputTopic;
import dev.streamsuite.runtime.topology.TopologyEvents;
import dev.streamsuite.runtime.topology.WindowStores;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * purchases → validate (bad → purchases.dlq) → {@link WindowAggregator} → purchase-summaries (every update),
 * purchase-summaries-final (once per closed window), purchases-late (purchases for windows already closed).
 *
 * <p>A purchase keyed by its userId is aggregated on its input partition, where it already is: no
 * repartition, so the task's one record is read once and written nowhere but to the outputs. Only a
 * purchase without a key goes through {@code purchases-by-user} (keyed by its userId) and comes back into
 * the same sub-topology, whose tasks read both topics. Stream time is the aggregator's own (the highest
 * event time of the records it aggregated), so a keyless record moves it only on the partition it is
 * aggregated on. The windowed aggregation is hand-written rather than the DSL's because the DSL drops late
 * records silently and its {@code onWindowClose} emits at most once per wall-clock second.
 */
public final class PurchaseTopology {

    public static final String INPUT = "purchases";
    public static final String SUMMARIES = "purchase-summaries";
    public static final String FINAL = "purchase-summaries-final";
    public static final String LATE = "purchases-late";
    public static final String SUMMARY_STORE = "purchase-summaries-store";
    public static final String EMIT_STORE = "purchase-emit-state";
    public static final String REPARTITION = "purchases-by-user";

    /**
     * Fixed, so that {@code purchases.retention} can change on a restart (see {@link WindowStores}): what Kafka
     * Streams derives from the default store retention (the 5-minute window plus {@code P1D}). Public for the
     * integration test, whose event times keep clear of segment boundaries.
     */
    public static final Duration SUMMARY_SEGMENT_INTERVAL = WindowStores.kafkaStreamsSegmentInterval(Duration.ofDays(1).plusMinutes(5));

    private final Duration windowSize;
    private final Duration grace;
    private final Duration retention;
    private final Duration maxFutureSkew;
    private final TopologyEvents events;

    public PurchaseTopology(Duration windowSize, Duration grace, Duration retention, Duration maxFutureSkew,
                            TopologyEvents events) {
        this.windowSize = windowSize;
        this.grace = grace;
        this.retention = retention;
        this.maxFutureSkew = maxFutureSkew;
        this.events = events;
    }

    public static InputSpec<Purchase> inputSpec() {
        return new InputSpec<>(INPUT, Purchase::parse, Purchase::timestamp,
                InputSpec.keyEqualsOrNull("userId", Purchase::userId), false);
    }

    /**
     * Carries the parsed purchase across {@code purchases-by-user} ahead of its original bytes (which a late
     * purchase still needs), so the aggregating side does not parse and validate it again. The type is left
     * out when it is PURCHASE, nearly always, and read back as the shared constant.
     */
    static Serde<Input<Purchase>> repartitionSerde() {
        return InputSerde.repartitioned(Purchase::parse,
                (out, p) -> out.writeString(p.purchaseId()).writeString(p.userId()).writeDecimal(p.amount())
                        .writeString(p.counts() ? null : p.type()).writeInstant(p.timestamp()),
                in -> new Purchase(in.readString(), in.readString(), in.readDecimal(),
                        Objects.requireNonNullElse(in.readString(), Purchase.PURCHASE), in.readInstant()));
    }

    public List<TopicSpec> topics() {
        return List.of(TopicSpec.input(INPUT), TopicSpec.output(INPUT + ".dlq"), TopicSpec.output(SUMMARIES),
                TopicSpec.output(FINAL), TopicSpec.output(LATE));
    }

    /** Window length in the store: at least size + grace, so no window is dropped before it is final. */
    long storeRetentionMs() {
        return windowSize.toMillis() + Math.max(retention.toMillis(), grace.toMillis());
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        InputSpec<Purchase> spec = inputSpec();
        KStream<String, Input<Purchase>> valid = InputTopic.read(builder, spec, maxFutureSkew, events);
        events.mayBeLate(INPUT);

        // The record cache absorbs repeated puts to a busy window until the commit: fewer RocksDB writes and
        // changelog sends. Reads (the aggregator's fetches, fetchAll for finals, interactive queries) go through
        // it and see the newest value; updates are still forwarded per purchase, so no output waits on it.
        builder.addStateStore(WindowStores.builder(
                WindowStores.persistent(SUMMARY_STORE, Duration.ofMillis(storeRetentionMs()), windowSize, SUMMARY_SEGMENT_INTERVAL),
                Serdes.String(), WindowTotals.serde()).withCachingEnabled());
        // Cached too: the aggregator's stream time is put here on nearly every record.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EMIT_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());

        var byKey = valid.processValues(NullKeyMarker::new, Named.as("purchases-mark-null-key"))
                .split(Named.as("purchases-key-"))
                .branch((key, input) -> key != null, Branched.as("present"))
                .defaultBranch(Branched.as("null"));
        KStream<String, Input<Purchase>> rekeyed = byKey.get("purchases-key-null")
                .selectKey((key, input) -> input.value().userId(), Named.as("purchases-key-by-user"))
                .repartition(Repartitioned.<String, Input<Purchase>>as(REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(repartitionSerde()));
        KStream<String, WindowAggregator.Output> outputs = byKey.get("purchases-key-present")
                .merge(rekeyed, Named.as("purchases-by-user-merge"))
                .process(() -> new WindowAggregator(windowSize.toMillis(), grace.toMillis(), events),
                        Named.as("purchases-window-aggregate"), SUMMARY_STORE, EMIT_STORE);

        var byKind = outputs.split(Named.as("purchases-output-"))
                .branch((k, o) -> o.kind() == WindowAggregator.Kind.UPDATE, Branched.as("update"))
                .branch((k, o) -> o.kind() == WindowAggregator.Kind.FINAL, Branched.as("final"))
                .defaultBranch(Branched.as("late"));
        Produced<String, PurchaseSummary> summaries = Produced.with(Serdes.String(), Json.serde(PurchaseSummary.class));
        byKind.get("purchases-output-update").mapValues(WindowAggregator.Output::summary, Named.as("purchases-update-value"))
                .to(SUMMARIES, summaries.withName("purchase-summaries-sink"));
        byKind.get("purchases-output-final").mapValues(WindowAggregator.Output::summary, Named.as("purchases-final-value"))
                .to(FINAL, Produced.with(Serdes.String(), Json.serde(PurchaseSummary.class)).withName("purchase-summaries-final-sink"));
        byKind.get("purchases-output-late").mapValues(WindowAggregator.Output::raw, Named.as("purchases-late-value"))
                .to(LATE, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("purchases-late-sink"));
        return builder.build();
    }
}
