package dev.streamsuite.runtime.streams;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the service's Kafka Streams, in two indicators: {@code streams} (readiness group: UP only
 * while RUNNING with no active store restoring) and {@code streamsLiveness} (liveness group: DOWN in
 * ERROR or once shut down).
 */
public final class StreamsHealth {

    private StreamsHealth() {
    }

    public static HealthIndicator readiness(StreamsState state) {
        return () -> (state.isReady() ? Health.up() : Health.outOfService())
                .withDetail("state", state.state().name())
                .withDetail("restoringPartitions", state.restoringPartitions())
                .build();
    }

    public static HealthIndicator liveness(StreamsState state) {
        return () -> (state.isAlive() ? Health.up() : Health.down())
                .withDetail("state", state.state().name())
                .build();
    }
}
