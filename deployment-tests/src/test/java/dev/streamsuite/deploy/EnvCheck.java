package dev.streamsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Checks that the environment of a service's container names only properties the service really reads. */
final class EnvCheck {

    private static final String STREAMS_PROPERTIES = "spring.kafka.streams.properties.";
    private static final Map<String, SpringEnv> BY_SERVICE = new ConcurrentHashMap<>();

    private EnvCheck() {
    }

    static SpringEnv spring(String service) {
        return BY_SERVICE.computeIfAbsent(service, SpringEnv::forService);
    }

    /**
     * Every variable binds (Spring Boot relaxed binding) to a property of the service, and every
     * {@code spring.kafka.streams.properties.<key>} is a key Kafka Streams knows. {@code notForSpring} are the
     * variables with another reader (the image's entrypoint, Kubernetes' $(VAR) expansion), by name.
     */
    static void assertBindsToRealProperties(String where, String service, Map<String, String> env, Set<String> notForSpring) {
        SpringEnv spring = spring(service);
        for (Map.Entry<String, String> variable : env.entrySet()) {
            if (notForSpring.contains(variable.getKey())) {
                continue;
            }
            List<String> bindings = spring.bindings(variable.getKey(), variable.getValue());
            assertThat(bindings)
                    .as("%s: environment variable %s binds to no property %s reads (typo, or a property that does not exist)",
                            where, variable.getKey(), service)
                    .isNotEmpty();
            for (String binding : bindings) {
                if (binding.startsWith(STREAMS_PROPERTIES)) {
                    String key = binding.substring(STREAMS_PROPERTIES.length());
                    assertThat(SpringEnv.isKafkaStreamsConfig(key))
                            .as("%s: %s sets Kafka Streams config '%s', which Kafka Streams does not know", where,
                                    variable.getKey(), key)
                            .isTrue();
                }
            }
        }
    }

    /** The property an environment variable binds to, asserting there is exactly one. */
    static String property(String service, String variable, String value) {
        List<String> bindings = spring(service).bindings(variable, value);
        assertThat(bindings).as("properties %s binds to", variable).hasSize(1);
        return bindings.get(0);
    }
}
