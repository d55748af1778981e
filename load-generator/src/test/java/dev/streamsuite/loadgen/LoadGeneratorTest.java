package dev.streamsuite.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.loadgen.GeneratedRecord.Kind;
import dev.streamsuite.loadgen.LoadGenerator.Options;
import dev.streamsuite.loadgen.LoadGenerator.Summary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LoadGeneratorTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    private static MockProducer<String, byte[]> mockProducer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void sendsTheCountedRecordsOfTheFactoryThenFlushesAndCloses() {
        Options options = Options.defaults().withRate(0).withCount(1_000).withProgressSeconds(0).withBadRatio(0.05);
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
        MockProducer<String, byte[]> producer = mockProducer(true);

        Summary summary = new LoadGenerator(options, new RecordFactory(options, clock), producer, out).run();

        List<GeneratedRecord> expected = new RecordFactory(options, clock).next(1_000);
        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).hasSize(1_000);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i).topic()).isEqualTo(expected.get(i).topic());
            assertThat(sent.get(i).key()).isEqualTo(expected.get(i).key());
            assertThat(sent.get(i).value()).isEqualTo(expected.get(i).value());
            assertThat(sent.get(i).timestamp()).isEqualTo(expected.get(i).record().timestamp());
        }
        assertThat(producer.flushed()).isTrue();
        assertThat(producer.closed()).isTrue();
        assertThat(summary.generated()).isEqualTo(1_000);
        assertThat(summary.sent()).isEqualTo(1_000);
        assertThat(summary.failed()).isZero();
        assertThat(summary.abortReason()).isNull();
        assertThat(summary.sentPerTopic()).containsOnlyKeys("purchases", "transactions", "customers", "orders");
        assertThat(summary.sentPerTopic().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000);
        assertThat(summary.sentPerTopic().get("customers")).isGreaterThanOrEqualTo(200);
        assertThat(summary.generatedPerKind().get(Kind.BAD))
                .isEqualTo(expected.stream().filter(GeneratedRecord::isBad).count());
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("done after").contains("sent 1000 (purchases ");
    }

    @Test
    void countsFailedSends() {
        Options options = Options.defaults().withRate(0).withCount(1_000).withProgressSeconds(0);
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                if (!record.topic().equals("orders")) {
                    return super.send(record, callback);
                }
                TimeoutException e = new TimeoutException("orders not present in metadata");
                callback.onCompletion(null, e);
                return CompletableFuture.failedFuture(e);
            }
        };

        Summary summary = new LoadGenerator(options, producer, out).run();

        assertThat(summary.failed()).isPositive().isEqualTo(1_000 - producer.history().size());
        assertThat(summary.sent()).isEqualTo(producer.history().size());
        assertThat(summary.sentPerTopic()).containsEntry("orders", 0L);
        assertThat(summary.abortReason()).isNull();
    }

    @Test
    void givesUpWhenTheProducerRejectsEverySend() {
        Options options = Options.defaults().withRate(0).withCount(0).withProgressSeconds(0);
        MockProducer<String, byte[]> producer = mockProducer(true);
        producer.sendException = new KafkaException("producer is in a fatal state");

        Summary summary = new LoadGenerator(options, producer, out).run();

        assertThat(summary.sent()).isZero();
        assertThat(summary.failed()).isEqualTo(100);
        assertThat(summary.abortReason()).contains("failed 100 times in a row", "fatal state");
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void stopEndsAnUnboundedRun() throws Exception {
        Options options = Options.defaults().withRate(0).withCount(0).withProgressSeconds(0);
        MockProducer<String, byte[]> producer = mockProducer(true);
        LoadGenerator generator = new LoadGenerator(options, producer, out);
        CompletableFuture<Summary> run = CompletableFuture.supplyAsync(generator::run);

        while (producer.history().size() < 500) {
            Thread.sleep(1);
        }
        generator.stop();
        Summary summary = run.get(30, TimeUnit.SECONDS);

        assertThat(generator.awaitTermination(Duration.ZERO)).isTrue();
        assertThat(summary.sent()).isGreaterThanOrEqualTo(500).isEqualTo(summary.generated());
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void stopInterruptsTheWaitForTheNextPermit() throws Exception {
        Options options = Options.defaults().withRate(0.001).withCount(0).withProgressSeconds(0);
        MockProducer<String, byte[]> producer = mockProducer(true);
        LoadGenerator generator = new LoadGenerator(options, producer, out);
        CompletableFuture<Summary> run = CompletableFuture.supplyAsync(generator::run);

        while (producer.history().isEmpty()) {
            Thread.sleep(1);
        }
        generator.stop();

        // the next permit would be due in 1000 s
        assertThat(run.get(30, TimeUnit.SECONDS).sent()).isEqualTo(1);
    }

    @Test
    void producerSettings() {
        assertThat(LoadGenerator.producerConfig("h:1"))
                .containsEntry("bootstrap.servers", "h:1")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", 5)
                .containsEntry("compression.type", "lz4")
                .containsEntry("key.serializer", StringSerializer.class)
                .containsEntry("value.serializer", ByteArraySerializer.class);
    }

    @Test
    void theCommandLineAnswersBadInputWithOneLineAndTheUsageAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = LoadGenerator.cli(new String[] {"--rate", "fast"}, out, new PrintStream(err, true, StandardCharsets.UTF_8));

        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(LoadGenerator.EXIT_USAGE);
        assertThat(text.lines().findFirst()).hasValue("error: --rate expects a number, got 'fast'");
        assertThat(text).contains(LoadGenerator.USAGE).doesNotContain("Exception", "\tat ");
    }

    @Test
    void theCommandLinePrintsHelp() {
        int code = LoadGenerator.cli(new String[] {"--help"}, out, out);

        assertThat(code).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo(LoadGenerator.USAGE);
    }
}
