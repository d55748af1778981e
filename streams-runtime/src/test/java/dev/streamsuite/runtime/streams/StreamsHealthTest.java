package dev.streamsuite.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class StreamsHealthTest {

    private final StreamsState state = new StreamsState();

    @Test
    void readyOnlyWhileRunningAndAliveUnlessFailedOrShutDown() {
        EnumSet<State> dead = EnumSet.of(State.ERROR, State.PENDING_ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING);
        State previous = State.CREATED;
        for (State next : State.values()) {
            state.onChange(next, previous);
            previous = next;

            Health readiness = StreamsHealth.readiness(state).health(true);
            Health liveness = StreamsHealth.liveness(state).health(true);
            assertThat(readiness.getStatus()).as("readiness in %s", next)
                    .isEqualTo(next == State.RUNNING ? Status.UP : Status.OUT_OF_SERVICE);
            assertThat(liveness.getStatus()).as("liveness in %s", next).isEqualTo(dead.contains(next) ? Status.DOWN : Status.UP);
            assertThat(readiness.getDetails()).containsEntry("state", next.name());
            assertThat(liveness.getDetails()).containsEntry("state", next.name());
        }
    }

    @Test
    void notReadyWhileAnActiveStoreRestoresThoughRunning() {
        state.onChange(State.RUNNING, State.REBALANCING);
        TopicPartition a = new TopicPartition("app-balances-store-changelog", 0);
        TopicPartition b = new TopicPartition("app-balances-store-changelog", 3);

        state.onRestoreStart(a, "balances-store", 0, 100);
        state.onRestoreStart(b, "balances-store", 0, 100);
        assertThat(StreamsHealth.readiness(state).health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(StreamsHealth.readiness(state).health(true).getDetails()).containsEntry("restoringPartitions", 2);

        state.onRestoreEnd(a, "balances-store", 100);
        assertThat(StreamsHealth.readiness(state).health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        // a restoration cut short (the task moved away) no longer holds readiness back
        state.onRestoreSuspended(b, "balances-store", 40);
        assertThat(StreamsHealth.readiness(state).health(true).getStatus()).isEqualTo(Status.UP);
        assertThat(StreamsHealth.liveness(state).health(true).getStatus()).isEqualTo(Status.UP);
    }
}
