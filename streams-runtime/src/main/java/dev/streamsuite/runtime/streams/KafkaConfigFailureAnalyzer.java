package dev.streamsuite.runtime.streams;

import org.apache.kafka.common.config.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A Kafka Streams or client setting Kafka rejects ({@code processing.guarantee=bogus}), or an address other instances
 * could not call ({@code QueryHosts}), stops start-up with the message in Spring Boot's short report, as an invalid
 * suite property does, not a stack trace.
 */
public class KafkaConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        return new FailureAnalysis("A setting is refused: " + cause.getMessage(),
                "Correct it where it is set: Kafka Streams and client settings are spring.kafka.streams.properties.<name>"
                        + " (or SPRING_KAFKA_STREAMS_PROPERTIES_<NAME>), the suite's own are suite.* (SUITE_*).", cause);
    }
}
