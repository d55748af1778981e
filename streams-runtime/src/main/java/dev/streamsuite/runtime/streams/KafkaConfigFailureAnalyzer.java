package dev.streamsuite.runtime.streams;

import org.apache.kafka.common.config.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A Kafka Streams or client setting Kafka rejects ({@code processing.guarantee=bogus}) stops start-up with
 * Kafka's own message in Spring Boot's short report, as an invalid suite property does, not a stack trace.
 */
public class KafkaConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        return new FailureAnalysis("Kafka rejects a setting: " + cause.getMessage(),
                "Correct it where it is set: Kafka Streams and client settings are "
                        + "spring.kafka.streams.properties.<name> (or SPRING_KAFKA_STREAMS_PROPERTIES_<NAME>).", cause);
    }
}
