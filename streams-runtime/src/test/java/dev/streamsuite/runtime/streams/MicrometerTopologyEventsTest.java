package dev.streamsuite.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerTopologyEventsTest {

    @Test
    void countsEachTagCombinationSeparately() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerTopologyEvents events = new MicrometerTopologyEvents(registry);
        for (int i = 0; i < 3; i++) {
            events.alert("VELOCITY");
        }
        events.alert("NEGATIVE_BALANCE");
        events.deadLettered("purchases", "invalid-json");
        events.deadLettered("purchases", "invalid-json");
        events.deadLettered("purchases", "key-mismatch");
        events.deadLettered("orders", "invalid-json");
        events.late("purchases");
        events.duplicate("transactions");
        events.duplicate("transactions");

        assertThat(registry.get("suite.duplicate.records").tag("topic", "transactions").counter().count()).isEqualTo(2);
        assertThat(registry.get("suite.alerts").tag("rule", "VELOCITY").counter().count()).isEqualTo(3);
        assertThat(registry.get("suite.alerts").tag("rule", "NEGATIVE_BALANCE").counter().count()).isEqualTo(1);
        assertThat(registry.get("suite.dlq.records").tag("topic", "purchases").tag("reason", "invalid-json")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("suite.dlq.records").tag("topic", "purchases").tag("reason", "key-mismatch")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("suite.dlq.records").tag("topic", "orders").counter().count()).isEqualTo(1);
        assertThat(registry.get("suite.late.records").tag("topic", "purchases").counter().count()).isEqualTo(1);
    }

    @Test
    void declaredSeriesStartAtZeroAndCountFromThere() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerTopologyEvents events = new MicrometerTopologyEvents(registry);
        events.mayDeadLetter("orders");
        events.mayBeLate("purchases");
        events.mayAlert("VELOCITY");
        events.mayBeDuplicate("transactions");

        assertThat(registry.get("suite.dlq.records").tag("topic", "orders").counters()).hasSize(6)
                .allSatisfy(c -> assertThat(c.count()).isZero())
                .extracting(c -> c.getId().getTag("reason")).containsExactlyInAnyOrder("invalid-json", "missing-field",
                        "wrong-type", "out-of-range", "key-mismatch", "future-timestamp");
        assertThat(registry.get("suite.late.records").tag("topic", "purchases").counter().count()).isZero();
        assertThat(registry.get("suite.alerts").tag("rule", "VELOCITY").counter().count()).isZero();
        assertThat(registry.get("suite.duplicate.records").tag("topic", "transactions").counter().count()).isZero();

        events.deadLettered("orders", "key-mismatch");
        events.late("purchases");
        events.alert("VELOCITY");
        events.mayAlert("VELOCITY"); // declaring again changes nothing
        assertThat(registry.get("suite.dlq.records").tag("reason", "key-mismatch").counter().count()).isEqualTo(1);
        assertThat(registry.get("suite.late.records").counter().count()).isEqualTo(1);
        assertThat(registry.get("suite.alerts").counter().count()).isEqualTo(1);
    }
}
