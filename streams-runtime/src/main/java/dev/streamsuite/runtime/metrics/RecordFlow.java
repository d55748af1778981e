package dev.streamsuite.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Records flowing through a service: {@code suite.records.in} and {@code suite.records.out} per topic, and
 * {@code suite.e2e.latency} (output time − record time) per output topic. Thread-safe; every stream thread
 * and every producer I/O thread records here.
 */
public final class RecordFlow {

    static final String RECORDS_IN = "suite.records.in";
    static final String RECORDS_OUT = "suite.records.out";
    static final String E2E_LATENCY = "suite.e2e.latency";

    /** Histogram buckets of the end-to-end latency: from a quick pass-through to late data hours old. */
    static final Duration[] E2E_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> in = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> out = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> latency = new ConcurrentHashMap<>();
    private volatile Set<String> latencyTopics = Set.of();
    private volatile Set<String> ignoredTopics = Set.of();

    public RecordFlow(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The topics known from the topology, registered at once so that every series exists from 0 (a
     * counter first seen at 5 would lose those 5 in Prometheus' {@code increase()}).
     *
     * @param inputs        topics read, including repartition topics
     * @param outputs       topics written, including dead-letter, side-output and repartition topics
     * @param latencyTopics the outputs whose records carry an event time (not dead letters, not internal)
     */
    void register(Set<String> inputs, Set<String> outputs, Set<String> latencyTopics) {
        inputs.forEach(this::in);
        outputs.forEach(this::out);
        this.latencyTopics = Set.copyOf(latencyTopics);
        latencyTopics.forEach(this::latency);
    }

    /** Topics the producer writes that are not outputs (changelogs): not counted. */
    void ignore(Set<String> topics) {
        this.ignoredTopics = Set.copyOf(topics);
    }

    Counter in(String topic) {
        return in.computeIfAbsent(topic, t -> Counter.builder(RECORDS_IN)
                .description("Records read from a topic and processed by the topology (repartition topics included)")
                .tag("topic", t).register(registry));
    }

    Counter out(String topic) {
        return out.computeIfAbsent(topic, t -> Counter.builder(RECORDS_OUT)
                .description("Records written to a topic and acknowledged by the broker (dead-letter, side-output and "
                        + "repartition topics included, changelogs not)")
                .tag("topic", t).register(registry));
    }

    private Timer latency(String topic) {
        return latency.computeIfAbsent(topic, t -> Timer.builder(E2E_LATENCY)
                .description("End-to-end latency of an output record: the time it was acknowledged by the broker minus "
                        + "its record time (the event time the topology gave it)")
                .serviceLevelObjectives(E2E_BUCKETS)
                .tag("topic", t).register(registry));
    }

    /** A record of {@code topic} with record time {@code timestampMs} was written at {@code nowMs}. */
    void written(String topic, long timestampMs, long nowMs) {
        if (topic.endsWith("-changelog") || ignoredTopics.contains(topic)) {
            return;
        }
        out(topic).increment();
        if (timestampMs >= 0 && latencyTopics.contains(topic)) {
            // an event time slightly ahead of this clock (allowed up to max-future-skew) counts as 0
            latency(topic).record(Math.max(0, nowMs - timestampMs), TimeUnit.MILLISECONDS);
        }
    }
}
