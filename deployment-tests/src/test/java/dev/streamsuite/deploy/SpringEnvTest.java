package dev.streamsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The checker itself: it accepts the variables the services read and rejects near misses. */
class SpringEnvTest {

    @Test
    void relaxedBindingOfTheVariablesTheDeploymentsUse() {
        SpringEnv env = EnvCheck.spring("purchase-aggregator");
        assertThat(env.bindings("SERVER_PORT", "8081")).containsExactly("server.port");
        assertThat(env.bindings("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")).contains("spring.kafka.bootstrap-servers");
        assertThat(env.bindings("SPRING_KAFKA_STREAMS_STATE_DIR", "/var/lib/streams")).containsExactly("spring.kafka.streams.state-dir");
        assertThat(env.bindings("SUITE_APPLICATION_SERVER", "a:1")).containsExactly("suite.application-server");
        assertThat(env.bindings("SUITE_GROUP_INSTANCE_ID", "p-0")).containsExactly("suite.group-instance-id");
        assertThat(env.bindings("SUITE_TOPICS_REPLICATION_FACTOR", "3")).containsExactly("suite.topics.replication-factor");
        // Spring's canonical form (dashes removed) binds as well
        assertThat(env.bindings("SUITE_TOPICS_REPLICATIONFACTOR", "3")).containsExactly("suite.topics.replication-factor");
        assertThat(env.bindings("SPRING_KAFKA_STREAMS_PROPERTIES_NUM_STANDBY_REPLICAS", "1"))
                .containsExactly("spring.kafka.streams.properties.num.standby.replicas");
        assertThat(env.bindings("PURCHASES_WINDOW_SIZE", "PT5M")).containsExactly("purchases.window-size");
    }

    @Test
    void nearMissesBindToNothing() {
        SpringEnv env = EnvCheck.spring("purchase-aggregator");
        assertThat(env.bindings("SUITE_TOPIC_PARTITIONS", "6")).isEmpty();
        assertThat(env.bindings("SPRING_KAFKA_BOOTSTRAP_SERVER", "kafka:9092")).isEmpty();
        assertThat(env.bindings("SUITE_APP_SERVER", "a:1")).isEmpty();
        // another service's property
        assertThat(env.bindings("ORDERS_JOIN_GRACE", "PT1M")).isEmpty();
        assertThat(EnvCheck.spring("order-enricher").bindings("ORDERS_JOIN_GRACE", "PT1M")).containsExactly("orders.join-grace");
    }

    @Test
    void kafkaStreamsKeys() {
        assertThat(SpringEnv.isKafkaStreamsConfig("num.standby.replicas")).isTrue();
        assertThat(SpringEnv.isKafkaStreamsConfig("consumer.session.timeout.ms")).isTrue();
        assertThat(SpringEnv.isKafkaStreamsConfig("producer.linger.ms")).isTrue();
        assertThat(SpringEnv.isKafkaStreamsConfig("num.standby.replica")).isFalse();
        assertThat(SpringEnv.isKafkaStreamsConfig("consumer.num.standby.replicas")).isFalse();
    }

    @Test
    void recordComponentsBecomeKebabCaseProperties() {
        String code = """
                @ConfigurationProperties("x")
                public record X(@NotNull @DefaultValue("PT1M") Duration someTime,
                                @Valid @DefaultValue Inner inner,
                                @DecimalMin(value = "0", inclusive = false) BigDecimal factor,
                                java.util.List<String> names) {
                    public record Inner(@DefaultValue("true") boolean enabled, Map<String, Integer> limits) {
                    }
                }
                """;
        assertThat(SpringEnv.configurationProperties(code))
                .containsExactly("x.some-time", "x.inner.enabled", "x.inner.limits", "x.factor", "x.names");
        assertThat(SpringEnv.kebab("maxFutureSkew")).isEqualTo("max-future-skew");
    }
}
