package dev.streamsuite.runtime.streams;

import dev.streamsuite.runtime.config.SuiteProperties;
import dev.streamsuite.runtime.streams.ServiceTopology.TopicSpec;
import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.KafkaClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * For the runner's integration tests: a count per key from {@code <app>-in} to {@code <app>-out} under exactly-once on
 * the test broker, with a store restored from its changelog after a failure, run by a {@link StreamsRunner} as the
 * services run theirs.
 */
final class CountingApp {

    private CountingApp() {
    }

    /** {@code onValue} sees each value before it is counted (to fail on cue). */
    static Topology topology(String app, Consumer<String> onValue) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(app + "-in", Consumed.with(Serdes.String(), Serdes.String()).withName("source"))
                .peek((key, value) -> onValue.accept(value), Named.as("fail-on-cue"))
                .groupByKey(Grouped.<String, String>as("by-key").withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .count(Named.as("count"), Materialized.as("counts"))
                .toStream(Named.as("changes"))
                .mapValues(String::valueOf, Named.as("as-text"))
                .to(app + "-out", Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
        return builder.build();
    }

    static Properties config(String app, Path stateDir, Duration sessionTimeout) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:1");
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0); // every count goes out
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        config.put(StreamsConfig.consumerPrefix("session.timeout.ms"), (int) sessionTimeout.toMillis());
        return config;
    }

    /** A started runner of {@code topology}, creating its topics. */
    static StreamsRunner start(String app, Topology topology, Properties config, StreamsState state, MeterRegistry registry) {
        StreamsRunner runner = new StreamsRunner(
                new ServiceTopology(topology, List.of(TopicSpec.input(app + "-in"), TopicSpec.output(app + "-out"))), config,
                new TopicInitializer(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()),
                        new SuiteProperties.Topics(true, 1, (short) 1, Duration.ofSeconds(60))), state, registry);
        runner.start();
        return runner;
    }

    /** The counts written so far, read committed, once there are at least {@code count}. */
    static List<String> counts(String app, int count, Duration timeout) {
        return KafkaClients.readAtLeast(KafkaBroker.bootstrapServers(), app + "-out", count, timeout).stream()
                .map(KafkaClients.Read::value).toList();
    }
}
