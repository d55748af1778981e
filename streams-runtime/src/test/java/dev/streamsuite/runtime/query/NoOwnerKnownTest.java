package dev.streamsuite.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 503 of an instance that has not had its first assignment (a black-box check saw a restarted instance say "no
 * instance holds key" for 35 s while the other instance answered for it): a real Kafka Streams, started with no
 * broker to join, is in that state for as long as the test needs.
 */
class NoOwnerKnownTest {

    @Test
    void anInstanceBeforeItsFirstAssignmentSaysThatItKnowsNoOwnerYet(@TempDir Path stateDir) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("in", Materialized.as("s"));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "no-owner-known-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:8080");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        config.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
            streams.start();
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.REBALANCING);
            // what the query layer sees then: no owner for the key, and no instance at all
            assertThat(streams.queryMetadataForKey("s", "k-1", Serdes.String().serializer())).isEqualTo(KeyQueryMetadata.NOT_AVAILABLE);

            assertThat(InteractiveQueries.noOwnerKnown(streams, "k-1")).isEqualTo("this instance has not had its first "
                    + "assignment yet, so it does not know which instance holds key 'k-1' (after a crash of this instance, until "
                    + "the group has dropped the crashed member: up to session.timeout.ms)");
            streams.close(Duration.ofSeconds(10));
        }
    }
}
