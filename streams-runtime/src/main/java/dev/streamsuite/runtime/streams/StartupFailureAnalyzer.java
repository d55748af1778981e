package dev.streamsuite.runtime.streams;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns "the broker is unreachable" at start-up into Spring Boot's short failure report, not a stack trace. */
public class StartupFailureAnalyzer extends AbstractFailureAnalyzer<TopicInitializer.TopicSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TopicInitializer.TopicSetupException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Start Kafka (./run-local.sh starts one on localhost:9092) or point the service at it with "
                        + "--spring.kafka.bootstrap-servers=host:port.", cause);
    }
}
