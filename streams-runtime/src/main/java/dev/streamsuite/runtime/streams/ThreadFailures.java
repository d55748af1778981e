package dev.streamsuite.runtime.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what an exception that ended a stream thread does to the service.
 *
 * <p>An error of Kafka's clients (an {@link ApiException} anywhere in the cause chain: a broker's answer such as
 * {@code InvalidTxnStateException} when a transaction's commit meets a broker that was just restarted, a timeout)
 * replaces the thread: under exactly-once its open transaction is never committed, its tasks are closed dirty and
 * start again from their last commit, state restored from the changelogs, so nothing is lost or repeated. Kafka
 * Streams itself treats such an error as fatal to the thread; measured in CI: a broker SIGKILLed under load left
 * fraud-detector in {@code ERROR} once in several runs. A thread that keeps failing is a lasting fault, not a
 * passing one: after {@link #MAX_REPLACEMENTS} replacements within {@link #WINDOW} the next failure shuts Kafka Streams
 * down (liveness DOWN, so an orchestrator restarts the instance). Anything else (the topology's own code failing
 * on a record) shuts it down at once: a new thread would only fail on the same record again.
 */
final class ThreadFailures {

    private static final Logger log = LoggerFactory.getLogger(ThreadFailures.class);
    static final int MAX_REPLACEMENTS = 3;
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** A cause chain may loop (two exceptions each other's cause). */
    private static final int MAX_CAUSES = 32;

    private final LongSupplier nanoClock;
    private final Runnable onReplace;
    private final Deque<Long> replacements = new ArrayDeque<>();
    /** Set on a stream thread this decided to replace; Kafka Streams closes its clients on that thread next. */
    private static final ThreadLocal<Boolean> REPLACING = ThreadLocal.withInitial(() -> false);

    /** {@code onReplace} runs once for every replaced thread (a metric). */
    ThreadFailures(LongSupplier nanoClock, Runnable onReplace) {
        this.nanoClock = nanoClock;
        this.onReplace = onReplace;
    }

    synchronized StreamThreadExceptionResponse decide(Throwable failure) {
        Optional<ApiException> clientError = clientError(failure);
        // Kafka Streams cannot replace the global thread (a GlobalKTable's), and would shut down instead
        if (clientError.isEmpty() || Thread.currentThread().getName().endsWith("-GlobalStreamThread")) {
            log.error("Kafka Streams failed; shutting it down (liveness goes DOWN)", failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        long now = nanoClock.getAsLong();
        while (!replacements.isEmpty() && now - replacements.peekFirst() >= WINDOW.toNanos()) {
            replacements.removeFirst();
        }
        if (replacements.size() >= MAX_REPLACEMENTS) {
            log.error("A stream thread failed on a Kafka client error for the {}th time within {} min; shutting Kafka "
                    + "Streams down (liveness goes DOWN)", MAX_REPLACEMENTS + 1, WINDOW.toMinutes(), failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        REPLACING.set(true);
        onReplace.run();
        // Kafka Streams logs the whole exception itself; one line here says what happens next
        log.warn("A stream thread failed on a Kafka client error ({}); replacing it ({} of at most {} within {} min): its "
                + "tasks carry on from their last commit", clientError.get().toString(), replacements.size(),
                MAX_REPLACEMENTS, WINDOW.toMinutes());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Whether the calling thread is a stream thread that is being replaced after a failure. */
    static boolean replacingThisThread() {
        return REPLACING.get();
    }

    /** The first error of Kafka's clients in {@code failure}'s cause chain. */
    static Optional<ApiException> clientError(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            if (t instanceof ApiException api) {
                return Optional.of(api);
            }
        }
        return Optional.empty();
    }
}
