package dev.streamsuite.runtime.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadFailuresTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger replaced = new AtomicInteger();
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
    private final ThreadFailures failures = new ThreadFailures(now::get, replaced::incrementAndGet, state::get, 1);

    /** As Kafka Streams reports a failed commit after a broker restart (CI, FraudDetectorIT). */
    private static StreamsException commitFailed() {
        return new StreamsException("Error encountered trying to commit a transaction",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
    }

    /** What {@code failures} answers on a stream thread of its own, and whether that thread's consumer would leave. */
    private record Decision(StreamThreadExceptionResponse response, boolean leaves) {
    }

    private static Decision decide(ThreadFailures failures, Throwable failure, String threadName) throws InterruptedException {
        AtomicReference<Decision> decision = new AtomicReference<>();
        Thread thread = new Thread(() -> decision.set(new Decision(failures.decide(failure), ThreadFailures.replacingThisThread())),
                threadName);
        thread.start();
        thread.join();
        return decision.get();
    }

    private Decision decide(Throwable failure) throws InterruptedException {
        return decide(failures, failure, "app-1-StreamThread-1");
    }

    @Test
    void aPassingClientErrorReplacesTheThreadWhoseConsumerLeavesAndIsCounted() throws InterruptedException {
        assertThat(decide(commitFailed())).isEqualTo(new Decision(REPLACE_THREAD, true));
        assertThat(decide(new StreamsException(new KafkaException(new TimeoutException("t"))))).isEqualTo(new Decision(REPLACE_THREAD, true));
        assertThat(decide(new StreamsException(new ProducerFencedException("f")))).isEqualTo(new Decision(REPLACE_THREAD, true));
        assertThat(replaced).hasValue(3);
        assertThat(ThreadFailures.replacingThisThread()).as("another thread's consumer").isFalse();
    }

    @Test
    void aLastingClientErrorOrTheTopologysOwnFailureShutsDownAtOnce() throws InterruptedException {
        for (Throwable failure : new Throwable[] {
                new StreamsException("Exception caught in process", new IllegalStateException("bug")),
                new StreamsException(new SerializationException("bad bytes")),
                new StreamsException(new RecordTooLargeException("too large")),
                new StreamsException(new TopicAuthorizationException("not allowed")),
                new UnsupportedVersionException("old broker"),
                new OutOfMemoryError()}) {
            assertThat(decide(failure)).as(failure.toString()).isEqualTo(new Decision(SHUTDOWN_CLIENT, false));
        }
        assertThat(replaced).hasValue(0);
    }

    @Test
    void noReplacementUnlessKafkaStreamsIsRunningOrRebalancing() throws InterruptedException {
        state.set(KafkaStreams.State.PENDING_SHUTDOWN);
        assertThat(decide(commitFailed())).isEqualTo(new Decision(SHUTDOWN_CLIENT, false));
        state.set(KafkaStreams.State.REBALANCING);
        assertThat(decide(commitFailed())).isEqualTo(new Decision(REPLACE_THREAD, true));
        assertThat(replaced).hasValue(1);
    }

    @Test
    void theGlobalThreadIsNeverReplaced() throws InterruptedException {
        assertThat(decide(failures, commitFailed(), "app-1-GlobalStreamThread")).isEqualTo(new Decision(SHUTDOWN_CLIENT, false));
        assertThat(replaced).hasValue(0);
    }

    @Test
    void aThreadThatKeepsFailingShutsDownAfterThreeReplacementsWithinTenMinutes() throws InterruptedException {
        for (int i = 0; i < ThreadFailures.MAX_REPLACEMENTS_PER_THREAD; i++) {
            assertThat(decide(commitFailed()).response()).as("failure %d", i + 1).isEqualTo(REPLACE_THREAD);
            now.addAndGet(Duration.ofMinutes(4).toNanos());
        }
        // 12 min after the first, 8 after the second: two within the window, so a third replacement
        assertThat(decide(commitFailed()).response()).isEqualTo(REPLACE_THREAD);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        // three within the last 10 min (at 4, 8 and 12 min; now 13)
        assertThat(decide(commitFailed())).isEqualTo(new Decision(SHUTDOWN_CLIENT, false));
        assertThat(replaced).hasValue(4);
    }

    @Test
    void theBudgetIsPerStreamThread() throws InterruptedException {
        ThreadFailures fourThreads = new ThreadFailures(now::get, replaced::incrementAndGet, state::get, 4);
        // one broker incident may fail every thread's transaction at once
        for (int i = 0; i < 12; i++) {
            assertThat(decide(fourThreads, commitFailed(), "app-1-StreamThread-" + (i % 4 + 1)).response()).isEqualTo(REPLACE_THREAD);
        }
        assertThat(decide(fourThreads, commitFailed(), "app-1-StreamThread-1").response()).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void aCauseChainThatLoopsEnds() throws InterruptedException {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertThat(ThreadFailures.passingClientError(a)).isEmpty();
        assertThat(decide(a).response()).isEqualTo(SHUTDOWN_CLIENT);
    }
}
