package dev.streamsuite.runtime.streams;

import dev.streamsuite.runtime.topology.TopologyEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts what topologies report: {@code suite.dlq.records}, {@code suite.late.records}, {@code suite.alerts}. */
public final class MicrometerTopologyEvents implements TopologyEvents {

    private final MeterRegistry registry;

    public MicrometerTopologyEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void deadLettered(String topic, String code) {
        Counter.builder("suite.dlq.records").description("Bad input records sent to a dead-letter topic")
                .tag("topic", topic).tag("reason", code).register(registry).increment();
    }

    @Override
    public void late(String topic) {
        Counter.builder("suite.late.records").description("Records routed to a late side output")
                .tag("topic", topic).register(registry).increment();
    }

    @Override
    public void alert(String rule) {
        Counter.builder("suite.alerts").description("Fraud alerts raised").tag("rule", rule).register(registry).increment();
    }
}
