package dev.streamsuite.runtime.streams;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed topic set-up (broker unreachable, topics unfit) into Spring Boot's short failure report, not a stack trace. */
public class StartupFailureAnalyzer extends AbstractFailureAnalyzer<TopicInitializer.TopicSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TopicInitializer.TopicSetupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
