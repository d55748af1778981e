package dev.streamsuite.runtime.config;

import dev.streamsuite.model.Json;
import dev.streamsuite.runtime.metrics.StreamsMetrics;
import dev.streamsuite.runtime.metrics.StreamsMetricsConfiguration;
import dev.streamsuite.runtime.query.ApiException;
import dev.streamsuite.runtime.query.CommittedTail;
import dev.streamsuite.runtime.query.InteractiveQueries;
import dev.streamsuite.runtime.query.JsonAnswers;
import dev.streamsuite.runtime.query.ProblemHandler;
import dev.streamsuite.runtime.query.ProblemReportValve;
import dev.streamsuite.runtime.query.QueryHosts;
import dev.streamsuite.runtime.query.ServedBy;
import dev.streamsuite.runtime.query.TopologyController;
import dev.streamsuite.runtime.streams.BoundedRocksDbMemory;
import dev.streamsuite.runtime.streams.MicrometerTopologyEvents;
import dev.streamsuite.runtime.streams.ServiceTopology;
import dev.streamsuite.runtime.streams.StreamsHealth;
import dev.streamsuite.runtime.streams.StreamsRunner;
import dev.streamsuite.runtime.streams.StreamsState;
import dev.streamsuite.runtime.streams.TopicInitializer;
import dev.streamsuite.runtime.topology.TopologyEvents;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires a service's {@link ServiceTopology} into a running, queryable Kafka Streams application.
 * Kafka Streams defaults (exactly-once v2, {@code application.server}, standby replicas, producer batch size)
 * are set in {@link #streamsConfig}; health groups and actuator exposure sit in
 * {@code streams-runtime-defaults.properties}. Everything is overridable.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(SuiteProperties.class)
@Import(StreamsMetricsConfiguration.class)
public class StreamsRuntimeAutoConfiguration {

    /**
     * The smallest {@code suite.rocksdb.memory} other than 0: a store instance that has been written keeps a
     * memtable of about 1 MiB whatever the budget, and a service has dozens (a black-box check: 16MB and 32MB
     * budgets held 20 MB of memtables in order-enricher's 24 store instances).
     */
    static final DataSize MIN_ROCKSDB_MEMORY = DataSize.ofMegabytes(64);

    /** The producers' {@code batch.size} unless configured; see README "Performance". */
    static final int DEFAULT_BATCH_SIZE = 128 * 1024;

    @Bean
    JsonMapper jsonMapper() {
        // Spring renders problem details with this mix-in (no null "type"/"properties" members)
        return Json.MAPPER.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
    }

    @Bean
    QueryHosts queryHosts(SuiteProperties suite, KafkaProperties kafka, @Value("${server.port:8080}") int port) {
        return QueryHosts.of(suite.applicationServer(), kafka.buildStreamsProperties().get(StreamsConfig.APPLICATION_SERVER_CONFIG),
                port);
    }

    @Bean
    StreamsState streamsState(StreamsMetrics metrics) {
        return new StreamsState(metrics.restoreListener());
    }

    @Bean
    TopologyEvents topologyEvents(MeterRegistry registry) {
        return new MicrometerTopologyEvents(registry);
    }

    /** Kafka Streams' configuration: Spring's {@code spring.kafka.streams.*} plus the suite's defaults. */
    static Properties streamsConfig(KafkaProperties kafka, SuiteProperties suite, QueryHosts hosts, String applicationName) {
        Properties config = new Properties();
        config.putAll(kafka.buildStreamsProperties());
        config.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, applicationName);
        Object applicationId = config.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (applicationId == null || applicationId.toString().isBlank()) {
            // Kafka would fail later, in the consumer ("group.id should not be an empty string"), after topics
            // named from it had been created
            throw new ConfigException(StreamsConfig.APPLICATION_ID_CONFIG, applicationId, "it must not be blank: set "
                    + "spring.kafka.streams.application-id, or spring.application.name (the service's name by default)");
        }
        config.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // one address for Kafka Streams' metadata and for the query layer, which tells its own keys by it
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, hosts.selfAddress());
        config.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) suite.topics().replicationFactor());
        config.putIfAbsent(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        config.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Under exactly-once a batch is sent when full or at the commit (every 100 ms) at the latest, so a
        // larger batch adds no latency. With the producer's 16 KB, fraud-detector's producer thread spent twice
        // and the broker 1.6 times the CPU per record on many small batches (README "Performance").
        producerDefault(config, ProducerConfig.BATCH_SIZE_CONFIG, DEFAULT_BATCH_SIZE);
        // A result, dead letter or repartitioned record is larger than its input: with the producer's and the
        // broker's 1 MB, an input near that limit failed every write of its task and stopped the service.
        producerDefault(config, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ServiceTopology.OUTPUT_MAX_MESSAGE_BYTES);
        // the internal topics (changelogs, repartition topics) take the same
        config.putIfAbsent(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG),
                Integer.toString(ServiceTopology.OUTPUT_MAX_MESSAGE_BYTES));
        boundRocksDbMemory(config, suite.rocksdb().memory());
        if (suite.groupInstanceId() != null && !suite.groupInstanceId().isBlank()) {
            config.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), suite.groupInstanceId());
        }
        return config;
    }

    /**
     * The state stores' native memory within {@code suite.rocksdb.memory}, unless it is 0 or a
     * {@code rocksdb.config.setter} of one's own is configured (README "Memory").
     */
    private static void boundRocksDbMemory(Properties config, DataSize memory) {
        if (memory.toBytes() == 0) {
            return;
        }
        if (memory.toBytes() < MIN_ROCKSDB_MEMORY.toBytes()) {
            throw new ConfigException("suite.rocksdb.memory", text(memory), "it must be 0 (Kafka Streams' own RocksDB "
                    + "settings) or at least " + text(MIN_ROCKSDB_MEMORY) + ", e.g. 128MB");
        }
        config.putIfAbsent(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // also for a setter named explicitly: BoundedRocksDbMemory reads it, any other ignores it
        config.put(BoundedRocksDbMemory.MEMORY_CONFIG, memory.toBytes());
    }

    /** A size as one writes it ({@code 15MB}, not {@code 15728640B}). */
    private static String text(DataSize size) {
        long bytes = size.toBytes();
        return bytes % (1024 * 1024) == 0 ? size.toMegabytes() + "MB" : bytes % 1024 == 0 ? size.toKilobytes() + "KB" : bytes + "B";
    }

    /** A producer setting unless configured, with the {@code producer.} prefix or without. */
    private static void producerDefault(Properties config, String key, Object value) {
        if (!config.containsKey(key) && !config.containsKey(StreamsConfig.producerPrefix(key))) {
            config.put(StreamsConfig.producerPrefix(key), value);
        }
    }

    /** A bean, so that a service whose topology depends on its topics' partition counts can ask before building it. */
    @Bean
    TopicInitializer topicInitializer(KafkaProperties kafka, SuiteProperties suite) {
        return new TopicInitializer(kafka.buildAdminProperties(), suite.topics());
    }

    @Bean
    StreamsRunner streamsRunner(ServiceTopology service, KafkaProperties kafka, SuiteProperties suite, QueryHosts hosts,
                                StreamsState state, MeterRegistry registry, StreamsMetrics metrics, TopicInitializer topics,
                                @Value("${spring.application.name}") String applicationName) {
        Properties config = streamsConfig(kafka, suite, hosts, applicationName);
        metrics.instrument(service, config);
        return new StreamsRunner(service, config, topics, state, registry);
    }

    @Bean
    HealthIndicator streamsHealthIndicator(StreamsState state) {
        return StreamsHealth.readiness(state);
    }

    @Bean
    HealthIndicator streamsLivenessHealthIndicator(StreamsState state) {
        return StreamsHealth.liveness(state);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService queryExecutor() {
        return Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "query-gather");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    CommittedTail committedTail(StreamsRunner runner) {
        return new CommittedTail(runner::restoreConsumerConfig);
    }

    @Bean
    InteractiveQueries interactiveQueries(StreamsRunner runner, QueryHosts hosts, SuiteProperties suite,
                                          ExecutorService queryExecutor, CommittedTail committedTail) {
        RestClient client = RestClient.builder().requestFactory(forwardingRequestFactory(suite)).build();
        return new InteractiveQueries(runner, hosts, client, queryExecutor, suite.query().retryAfterSeconds(),
                suite.query().maxStandbyLag(), committedTail);
    }

    /**
     * A pooled, blocking HTTP/1.1 client with keep-alive for forwarded queries: with the JDK's HttpClient
     * a forwarded lookup under 8 concurrent clients was 4x slower than the same lookup at its owner.
     */
    private static ClientHttpRequestFactory forwardingRequestFactory(SuiteProperties suite) {
        Timeout timeout = Timeout.of(suite.query().forwardTimeout());
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(200)
                .setMaxConnPerRoute(50)
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
                        .build())
                .build();
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableAutomaticRetries() // the Forwarder's own retry decides, with its circuit breaker
                .disableRedirectHandling()
                .disableCookieManagement()
                .build();
        return new HttpComponentsClientHttpRequestFactory(http);
    }

    @Bean
    ServedBy servedBy(QueryHosts hosts) {
        return new ServedBy(hosts);
    }

    @Bean
    FilterRegistrationBean<Filter> servedByDefault(ServedBy servedBy) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(servedBy.defaultHeader());
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    JsonAnswers jsonAnswers() {
        return new JsonAnswers();
    }

    @Bean
    ProblemHandler problemHandler(SuiteProperties suite) {
        return new ProblemHandler(suite.query().retryAfterSeconds());
    }

    @Bean
    TopologyController topologyController(StreamsRunner runner) {
        return new TopologyController(runner);
    }

    /**
     * Ids may contain '/' and a backslash, sent as %2F and %5C in a path ({@code /api/balances/a%2Fb}). Tomcat rejects
     * both by default with its own HTML 400, before the API sees the request; passed through, the id stays one
     * path segment and Spring decodes it into the path variable (and forwarding sends the same encoded path to
     * the owner).
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesInPathVariables() {
        return connector -> {
            connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
        };
    }

    /**
     * A raw ';' in a path starts a path parameter, which Tomcat and Spring cut off: {@code /api/orders/o;1} would
     * answer for order {@code o}. An id with ';' is sent as %3B; a raw one is a 400, never another id's data.
     */
    @Bean
    WebMvcConfigurer noPathParametersInTheApi() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new HandlerInterceptor() {
                    @Override
                    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                        if (request.getRequestURI().indexOf(';') >= 0) {
                            throw ApiException.badRequest("a ';' in the path must be percent-encoded (%3B): a raw one "
                                    + "starts a path parameter, which is not part of the id");
                        }
                        return true;
                    }
                }).addPathPatterns("/api/**");
            }
        };
    }

    /**
     * What Tomcat rejects itself (an invalid percent-encoding, a NUL, a raw '|' or '[' that should have been
     * percent-encoded) is answered as problem+json with {@code X-Served-By} like every other error, not with Tomcat's
     * HTML page. Spring Boot adds its own {@code ErrorReportValve} to the host after this customizer runs, so the swap
     * waits for the host's start.
     */
    @Bean
    TomcatContextCustomizer problemJsonForTomcatErrors(QueryHosts hosts) {
        String self = hosts.selfAddress();
        return context -> {
            StandardHost host = (StandardHost) context.getParent();
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
            host.addLifecycleListener(event -> {
                if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ProblemReportValve(self));
                }
            });
        };
    }
}
