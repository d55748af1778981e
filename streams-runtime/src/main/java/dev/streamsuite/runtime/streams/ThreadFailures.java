package dev.streamsuite.runtime.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionCoordinatorFencedException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what an exception that ended a stream thread does to the service.
 *
 * <p>A passing error of Kafka's clients (a retriable one such as a timeout, or a transaction's state lost to a broker:
 * {@code InvalidTxnStateException} when a commit meets a broker restarted under load, fencing, an epoch error) replaces
 * the thread. Kafka Streams treats some of these as fatal to the thread; measured in CI: a broker SIGKILLed under load
 * left fraud-detector in {@code ERROR} once in several runs. Under exactly-once nothing is lost or repeated: the failed
 * transaction is committed with its input offsets or aborted (by the dying thread, or by the broker after
 * {@code transaction.timeout.ms} when the producer could not), the thread's tasks are closed dirty, and the new thread
 * starts them from their last commit, stores restored from the changelogs.
 *
 * <p>A lasting error (authorization, a record too large, an unsupported version), the topology's own code failing on a
 * record, or a thread that keeps failing (more than {@link #MAX_REPLACEMENTS_PER_THREAD} replacements per stream thread
 * within {@link #WINDOW}) shuts Kafka Streams down (liveness DOWN, so an orchestrator restarts the instance): a new
 * thread would only fail the same way, and each replacement restores its stores in full.
 */
final class ThreadFailures {

    private static final Logger log = LoggerFactory.getLogger(ThreadFailures.class);
    static final int MAX_REPLACEMENTS_PER_THREAD = 3;
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** A cause chain may loop (two exceptions each other's cause). */
    private static final int MAX_CAUSES = 32;
    /** Non-retriable errors of a transaction that a new producer (a new thread's) recovers from. */
    private static final List<Class<? extends Exception>> TRANSACTION_ERRORS = List.of(ApplicationRecoverableException.class,
            InvalidTxnStateException.class, TransactionAbortableException.class, OutOfOrderSequenceException.class,
            TransactionCoordinatorFencedException.class);
    /** Set on a stream thread this decided to replace; Kafka Streams closes its clients on that thread next. */
    private static final ThreadLocal<Boolean> REPLACING = ThreadLocal.withInitial(() -> false);

    private final LongSupplier nanoClock;
    private final Runnable onReplace;
    private final Supplier<KafkaStreams.State> clientState;
    private final int maxReplacements;
    private final Deque<Long> replacements = new ArrayDeque<>();

    /**
     * {@code onReplace} runs once for every replaced thread (a metric); {@code clientState} is the Kafka Streams
     * client's, which adds a thread only while running or rebalancing; {@code threads} its {@code num.stream.threads}.
     */
    ThreadFailures(LongSupplier nanoClock, Runnable onReplace, Supplier<KafkaStreams.State> clientState, int threads) {
        this.nanoClock = nanoClock;
        this.onReplace = onReplace;
        this.clientState = clientState;
        this.maxReplacements = MAX_REPLACEMENTS_PER_THREAD * Math.max(1, threads);
    }

    synchronized StreamThreadExceptionResponse decide(Throwable failure) {
        Optional<Throwable> passing = passingClientError(failure);
        KafkaStreams.State state = clientState.get();
        // the global thread (a GlobalKTable's) cannot be replaced: Kafka Streams would shut down and then fail casting
        // it to a stream thread
        if (passing.isEmpty() || Thread.currentThread().getName().endsWith("-GlobalStreamThread")
                || !state.isRunningOrRebalancing()) {
            log.error("Kafka Streams failed; shutting it down (liveness goes DOWN)", failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        long now = nanoClock.getAsLong();
        while (!replacements.isEmpty() && now - replacements.peekFirst() >= WINDOW.toNanos()) {
            replacements.removeFirst();
        }
        if (replacements.size() >= maxReplacements) {
            log.error("A stream thread failed on an error of Kafka's clients after {} replacements within {} min; shutting "
                    + "Kafka Streams down (liveness goes DOWN)", maxReplacements, WINDOW.toMinutes(), failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        REPLACING.set(true);
        onReplace.run();
        // Kafka Streams logs the whole exception itself (ERROR "Replacing thread in the streams uncaught exception
        // handler"); this line says what happens next
        log.warn("A stream thread failed on an error of Kafka's clients ({}); replacing it ({} of at most {} within {} "
                + "min): its tasks carry on from their last commit", passing.get(), replacements.size(), maxReplacements,
                WINDOW.toMinutes());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Whether the calling thread is a stream thread that is being replaced after a failure. */
    static boolean replacingThisThread() {
        return REPLACING.get();
    }

    /** The first passing error of Kafka's clients in {@code failure}'s cause chain. */
    static Optional<Throwable> passingClientError(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            Throwable cause = t;
            if (cause instanceof RetriableException || TRANSACTION_ERRORS.stream().anyMatch(type -> type.isInstance(cause))) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }
}
