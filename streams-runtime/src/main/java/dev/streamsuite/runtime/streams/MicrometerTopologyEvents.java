package dev.streamsuite.runtime.streams;

import dev.streamsuite.model.InvalidRecordException;
import dev.streamsuite.runtime.topology.TopologyEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Counts what topologies report: {@code suite.dlq.records}, {@code suite.late.records},
 * {@code suite.duplicate.records}, {@code suite.alerts}, each
 * from zero for every tag value a topology declares it may report (Prometheus' {@code increase()} misses the
 * first event of a series that appears with it).
 * Counters are looked up once per tag value: building and registering one per event cost 3% of a busy
 * stream thread (fraud-detector raises an alert for many transactions).
 */
public final class MicrometerTopologyEvents implements TopologyEvents {

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public MicrometerTopologyEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    private Counter counter(String id, Function<MeterRegistry, Counter> create) {
        return counters.computeIfAbsent(id, k -> create.apply(registry));
    }

    @Override
    public void mayDeadLetter(String topic) {
        InvalidRecordException.CODES.forEach(code -> deadLetters(topic, code));
    }

    @Override
    public void mayBeLate(String topic) {
        lateRecords(topic);
    }

    @Override
    public void mayAlert(String rule) {
        alerts(rule);
    }

    @Override
    public void mayBeDuplicate(String topic) {
        duplicates(topic);
    }

    @Override
    public void deadLettered(String topic, String code) {
        deadLetters(topic, code).increment();
    }

    @Override
    public void late(String topic) {
        lateRecords(topic).increment();
    }

    @Override
    public void duplicate(String topic) {
        duplicates(topic).increment();
    }

    @Override
    public void alert(String rule) {
        alerts(rule).increment();
    }

    private Counter deadLetters(String topic, String code) {
        return counter("dlq\u0000" + topic + "\u0000" + code, r -> Counter.builder("suite.dlq.records")
                .description("Bad input records sent to a dead-letter topic")
                .tag("topic", topic).tag("reason", code).register(r));
    }

    private Counter lateRecords(String topic) {
        return counter("late\u0000" + topic, r -> Counter.builder("suite.late.records")
                .description("Records routed to a late side output").tag("topic", topic).register(r));
    }

    private Counter duplicates(String topic) {
        return counter("duplicate\u0000" + topic, r -> Counter.builder("suite.duplicate.records")
                .description("Records recognised as seen before and ignored").tag("topic", topic).register(r));
    }

    private Counter alerts(String rule) {
        return counter("alert\u0000" + rule, r -> Counter.builder("suite.alerts").description("Fraud alerts raised")
                .tag("rule", rule).register(r));
    }
}
