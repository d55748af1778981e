package dev.streamsuite.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class PauseWatchTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final PauseWatch watch = new PauseWatch(Duration.ofSeconds(3), now::get);

    private void pass(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /** Ticks every 250 ms for {@code d}, as the runner's thread does while the process runs. */
    private void run(Duration d) {
        for (long t = 0; t < d.toMillis(); t += 250) {
            pass(Duration.ofMillis(250));
            watch.tick();
        }
    }

    @Test
    void aRunningProcessAnswers() {
        watch.onStateChange(State.RUNNING);
        run(Duration.ofSeconds(20));
        assertThat(watch.doubt()).isEmpty();
        pass(Duration.ofMillis(2_999)); // shorter than the threshold: no heartbeat could have been missed for long
        assertThat(watch.doubt()).isEmpty();
    }

    @Test
    void aPauseSeenFirstByAQueryIsDoubtedUntilKafkaStreamsHasRebalanced() {
        watch.onStateChange(State.RUNNING);
        run(Duration.ofSeconds(1));
        pass(Duration.ofSeconds(72)); // SIGSTOP ... SIGCONT; the ticker has not run yet

        assertThat(watch.doubt()).hasValueSatisfying(why -> assertThat(why).contains("did not run for 72.0 s"));
        run(Duration.ofMillis(900));
        assertThat(watch.doubt()).isPresent();
        watch.onStateChange(State.REBALANCING);
        run(Duration.ofSeconds(10)); // a rebalance longer than the threshold: still in doubt until it ends
        assertThat(watch.doubt()).isPresent();
        watch.onStateChange(State.RUNNING);
        assertThat(watch.doubt()).isEmpty();
    }

    @Test
    void withoutARebalanceTheDoubtEndsAfterTheThreshold() {
        watch.onStateChange(State.RUNNING);
        pass(Duration.ofSeconds(5));
        watch.tick(); // seen by the ticker this time
        run(Duration.ofMillis(2_750));
        assertThat(watch.doubt()).isPresent();
        run(Duration.ofMillis(250));
        assertThat(watch.doubt()).isEmpty();
    }

    @Test
    void aRebalanceUnderWayAtTheResumeSettlesItWhenItEnds() {
        watch.onStateChange(State.REBALANCING);
        pass(Duration.ofSeconds(10));
        assertThat(watch.doubt()).isPresent();
        watch.onStateChange(State.RUNNING);
        assertThat(watch.doubt()).isEmpty();
    }

    @Test
    void theThresholdIsHalfTheMainConsumersSessionTimeout() {
        Properties config = new Properties();
        assertThat(PauseWatch.sessionTimeoutMs(config)).isEqualTo(45_000);
        config.put("session.timeout.ms", "6000");
        assertThat(PauseWatch.sessionTimeoutMs(config)).isEqualTo(6_000);
        config.put("consumer.session.timeout.ms", 8000);
        assertThat(PauseWatch.sessionTimeoutMs(config)).isEqualTo(8_000);
        config.put("main.consumer.session.timeout.ms", "10000");
        assertThat(PauseWatch.sessionTimeoutMs(config)).isEqualTo(10_000);
    }
}
