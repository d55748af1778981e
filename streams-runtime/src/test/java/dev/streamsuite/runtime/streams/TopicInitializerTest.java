package dev.streamsuite.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.runtime.streams.ServiceTopology.TopicSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of the topics a service creates; creating them on a real broker is in the services' ITs. */
class TopicInitializerTest {

    private static final String NO_TIME_ROLLS = Long.toString(Long.MAX_VALUE);

    @Test
    void outputsTakeLargeRecordsAndDoNotRollByTime() {
        assertThat(TopicInitializer.configs(TopicSpec.output("fraud-alerts"))).isEqualTo(Map.of(
                "max.message.bytes", "4194304", "segment.ms", NO_TIME_ROLLS, "segment.bytes", "67108864"));
    }

    @Test
    void inputsAreKeptByTheTimeTheyWereWritten() {
        assertThat(TopicInitializer.configs(TopicSpec.input("orders"))).isEqualTo(Map.of("message.timestamp.type", "LogAppendTime"));
    }

    @Test
    void aCompactedInputIsOnlyCompacted() {
        assertThat(TopicInitializer.configs(TopicSpec.compactedInput("customers"))).isEqualTo(Map.of("cleanup.policy", "compact"));
    }
}
