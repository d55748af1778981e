package dev.streamsuite.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.KafkaClients;
import dev.streamsuite.testsupport.TempDirs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against a real broker, exactly-once, with a count per key (so the replaced thread's store is restored from its
 * changelog): a stream thread that fails on a passing error of Kafka's clients is replaced, and every count comes out
 * once and right; the topology's own failure shuts Kafka Streams down.
 *
 * <p>Each test reads the new thread's results within less than the session timeout, so the dead thread's member must
 * have left the group: otherwise the new thread's rebalance waits for it to time out (checked: without
 * {@link LeavingClientSupplier} the first test fails).
 */
@ExtendWith(KafkaBroker.class)
class ThreadReplacementIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WITHIN_SESSION = SESSION_TIMEOUT.minusSeconds(20);
    private static final AtomicBoolean CLIENT_ERROR_THROWN = new AtomicBoolean();

    @Test
    void aClientErrorReplacesTheThreadAndNothingIsLostOrRepeated() throws Exception {
        String app = "thread-replacement-it";
        Run run = start(app, CountingApp.topology(app, value -> {
            if (value.equals("client-error") && CLIENT_ERROR_THROWN.compareAndSet(false, true)) {
                // stands in for the broker's answer to a commit after its restart (seen in CI, not reproducible on
                // demand): both reach the uncaught-exception handler the same way
                throw new InvalidTxnStateException("injected by the test");
            }
        }));
        try {
            KafkaClients.send(KafkaBroker.bootstrapServers(), app + "-in",
                    List.of(Map.entry("k", "a"), Map.entry("k", "client-error"), Map.entry("k", "b")));
            assertThat(CountingApp.counts(app, 3, WITHIN_SESSION)).containsExactly("1", "2", "3");
            assertThat(CLIENT_ERROR_THROWN).isTrue();
            assertThat(run.registry().get(StreamsRunner.THREAD_REPLACEMENTS).counter().count()).isEqualTo(1.0);
            KafkaClients.send(KafkaBroker.bootstrapServers(), app + "-in", List.of(Map.entry("k", "c")));
            assertThat(CountingApp.counts(app, 4, TIMEOUT)).containsExactly("1", "2", "3", "4");
            assertThat(run.state().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        } finally {
            run.runner().stop();
        }
    }

    /**
     * The failure of CI as it happens: a commit answered {@code InvalidTxnStateException} leaves the producer unable to
     * abort, so its transaction stays open on the broker until {@code transaction.timeout.ms} aborts it.
     */
    @Test
    void aCommitThatFailsAndLeavesItsTransactionOpenIsRecovered() throws Exception {
        String app = "thread-replacement-commit-it";
        AtomicBoolean armed = new AtomicBoolean();
        AtomicInteger commitsFailed = new AtomicInteger();
        KafkaClients.createTopics(KafkaBroker.bootstrapServers(), 1, app + "-in", app + "-out");
        Properties config = config(app);
        KafkaStreams streams = new KafkaStreams(CountingApp.topology(app, value -> armed.compareAndSet(false, value.equals("commit-fail"))),
                config, new LeavingClientSupplier() {
                    @Override
                    public Producer<byte[], byte[]> getProducer(Map<String, Object> producerConfig) {
                        return new FailingCommitProducer(producerConfig, armed, commitsFailed);
                    }
                });
        AtomicInteger replacements = new AtomicInteger();
        ThreadFailures failures = new ThreadFailures(System::nanoTime, replacements::incrementAndGet, streams::state, 1);
        streams.setUncaughtExceptionHandler(failures::decide);
        streams.start();
        try {
            KafkaClients.send(KafkaBroker.bootstrapServers(), app + "-in", List.of(Map.entry("k", "a"), Map.entry("k", "commit-fail")));
            KafkaClients.send(KafkaBroker.bootstrapServers(), app + "-in", List.of(Map.entry("k", "b")));
            assertThat(CountingApp.counts(app, 3, WITHIN_SESSION)).containsExactly("1", "2", "3");
            assertThat(commitsFailed).hasValue(1);
            assertThat(replacements).hasValue(1);
            assertThat(streams.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    @Test
    void theTopologysOwnFailureShutsKafkaStreamsDown() throws Exception {
        String app = "thread-failure-it";
        Run run = start(app, CountingApp.topology(app, value -> {
            if (value.equals("bug")) {
                throw new IllegalStateException("injected by the test");
            }
        }));
        try {
            KafkaClients.send(KafkaBroker.bootstrapServers(), app + "-in", List.of(Map.entry("k", "a"), Map.entry("k", "bug")));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (run.state().state() != KafkaStreams.State.ERROR && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(run.state().state()).isEqualTo(KafkaStreams.State.ERROR);
            assertThat(run.registry().get(StreamsRunner.THREAD_REPLACEMENTS).counter().count()).isZero();
            // "a" may have been committed before "bug" came; "bug" never counts
            assertThat(KafkaClients.readUntil(KafkaBroker.bootstrapServers(), app + "-out", r -> true, Duration.ofSeconds(2),
                    Duration.ofSeconds(5)).stream().map(KafkaClients.Read::value).toList()).isSubsetOf("1");
        } finally {
            run.runner().stop();
        }
    }

    /** A producer whose first commit after {@code armed} fails as after a broker restart, and which then can no longer abort. */
    private static final class FailingCommitProducer extends KafkaProducer<byte[], byte[]> {
        private final AtomicBoolean armed;
        private final AtomicInteger failed;
        private volatile boolean fatal;

        FailingCommitProducer(Map<String, Object> config, AtomicBoolean armed, AtomicInteger failed) {
            super(config, new ByteArraySerializer(), new ByteArraySerializer());
            this.armed = armed;
            this.failed = failed;
        }

        @Override
        public void commitTransaction() {
            if (armed.get() && failed.compareAndSet(0, 1)) {
                fatal = true;
                throw new InvalidTxnStateException("injected by the test at a commit");
            }
            super.commitTransaction();
        }

        @Override
        public void abortTransaction() {
            if (fatal) {
                throw new KafkaException("cannot abort: the producer is in a fatal state", new InvalidTxnStateException("injected"));
            }
            super.abortTransaction();
        }

        @Override
        public void close() {
            if (fatal) {
                super.close(Duration.ZERO);
            } else {
                super.close();
            }
        }

        @Override
        public void close(Duration timeout) {
            super.close(fatal ? Duration.ZERO : timeout);
        }
    }

    private record Run(StreamsRunner runner, StreamsState state, SimpleMeterRegistry registry) {
    }

    private static Run start(String app, Topology topology) throws Exception {
        StreamsState state = new StreamsState();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new Run(CountingApp.start(app, topology, config(app), state, registry), state, registry);
    }

    private static Properties config(String app) throws Exception {
        return CountingApp.config(app, TempDirs.create(app + "-"), SESSION_TIMEOUT);
    }
}
