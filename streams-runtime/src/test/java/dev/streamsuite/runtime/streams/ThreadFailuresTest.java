package dev.streamsuite.runtime.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class ThreadFailuresTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger replaced = new AtomicInteger();
    private final ThreadFailures failures = new ThreadFailures(now::get, replaced::incrementAndGet);

    /** As Kafka Streams reports a failed commit after a broker restart (CI, FraudDetectorIT). */
    private static StreamsException commitFailed() {
        return new StreamsException("Error encountered trying to commit a transaction",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
    }

    @Test
    void aClientErrorReplacesTheThreadAndIsCounted() {
        assertThat(failures.decide(commitFailed())).isEqualTo(REPLACE_THREAD);
        assertThat(failures.decide(new StreamsException(new StreamsException(new TimeoutException("t"))))).isEqualTo(REPLACE_THREAD);
        assertThat(replaced).hasValue(2);
    }

    @Test
    void theTopologysOwnFailureShutsDownAtOnce() {
        assertThat(failures.decide(new StreamsException("Exception caught in process", new IllegalStateException("bug"))))
                .isEqualTo(SHUTDOWN_CLIENT);
        // a KafkaException that is no broker's or client's answer (here: a serde's) is not passing either
        assertThat(failures.decide(new StreamsException(new SerializationException("bad bytes")))).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(failures.decide(new OutOfMemoryError())).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(replaced).hasValue(0);
    }

    @Test
    void theGlobalThreadIsNeverReplaced() throws InterruptedException {
        AtomicReference<Object> response = new AtomicReference<>();
        Thread global = new Thread(() -> response.set(failures.decide(commitFailed())), "app-1-GlobalStreamThread");
        global.start();
        global.join();
        assertThat(response).hasValue(SHUTDOWN_CLIENT);
        assertThat(replaced).hasValue(0);
    }

    @Test
    void aThreadThatKeepsFailingShutsDownAfterThreeReplacementsWithinTenMinutes() {
        for (int i = 0; i < ThreadFailures.MAX_REPLACEMENTS; i++) {
            assertThat(failures.decide(commitFailed())).as("failure %d", i + 1).isEqualTo(REPLACE_THREAD);
            now.addAndGet(Duration.ofMinutes(4).toNanos());
        }
        // 12 min after the first, 8 after the second: two within the window, so a third replacement
        assertThat(failures.decide(commitFailed())).isEqualTo(REPLACE_THREAD);
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        // three within the last 10 min (at 4, 8 and 12 min; now 13)
        assertThat(failures.decide(commitFailed())).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(replaced).hasValue(4);
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertThat(ThreadFailures.clientError(a)).isEmpty();
        assertThat(failures.decide(a)).isEqualTo(SHUTDOWN_CLIENT);
    }
}
