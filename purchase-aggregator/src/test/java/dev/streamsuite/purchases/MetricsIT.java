package dev.streamsuite.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.testsupport.ChildJvm;
import dev.streamsuite.testsupport.Http;
import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.KafkaClients;
import dev.streamsuite.testsupport.Prometheus;
import dev.streamsuite.testsupport.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics the README lists exist in {@code /actuator/prometheus} of the running jar and move with the
 * data: after N purchases (and 2 bad records) the records-in counter grew by exactly N + 2, the summaries
 * written and their end-to-end latency histogram by N, the dead letters by 2 with their reasons.
 *
 * <p>It has a broker of its own: purchases at the current time in the shared broker's {@code purchases}
 * would move stream time for the other tests' instances, which read that topic from the start and use
 * event times hours ago.
 */
class MetricsIT {

    private static final int N = 40;
    /** Every fifth purchase has no key: only those cross the repartition topic. */
    private static final int KEYLESS_EVERY = 5;

    private static String bootstrap;
    private static ChildJvm broker;
    private static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        KafkaBroker.Own own = KafkaBroker.startOwn("kafka-metrics-it");
        broker = own.jvm();
        bootstrap = own.bootstrapServers();
        service = ServiceProcess.of("purchase-aggregator", bootstrap,
                "--spring.kafka.streams.application-id=metrics-it");
        service.startAndAwaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        ChildJvm.stopAll(service, broker);
    }

    private static String scrape() {
        var r = Http.get(service.url("/actuator/prometheus"));
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static String await(Predicate<String> done, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = scrape();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + timeout + "; last scrape:\n" + last);
            }
            Thread.sleep(250);
            last = scrape();
        }
        return last;
    }

    private static long endOffsets(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        }
    }

    @Test
    void countersGrowByWhatWasProducedAndTheOtherMetricsExist() throws Exception {
        String in = "suite_records_in_total";
        String topic = "topic=\"purchases\"";
        long existing = endOffsets("purchases"); // 0: a broker of its own
        String before = await(s -> Prometheus.sum(s, in, topic) == existing, Duration.ofSeconds(60), "caught up with " + existing + " records");
        // series of events that may not have happened yet exist from the start, at zero until they do
        assertThat(before).contains("suite_dlq_records_total{", "reason=\"future-timestamp\"", "suite_late_records_total{");
        double summariesBefore = Prometheus.sum(before, "suite_records_out_total", "topic=\"purchase-summaries\"");
        double latencyBefore = Prometheus.sum(before, "suite_e2e_latency_seconds_count", "topic=\"purchase-summaries\"");
        double dlqBefore = Prometheus.sum(before, "suite_dlq_records_total", topic);
        double dlqOutBefore = Prometheus.sum(before, "suite_records_out_total", "topic=\"purchases.dlq\"");
        double invalidJsonBefore = Prometheus.sum(before, "suite_dlq_records_total", topic, "reason=\"invalid-json\"");
        double repartitionBefore = Prometheus.sum(before, in, "topic=\"metrics-it-");

        Instant now = Instant.now();
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            String user = "metrics-u-" + (i % 7);
            records.add(new SimpleEntry<>(i % KEYLESS_EVERY == 0 ? null : user, "{\"purchaseId\":\"mp-" + i + "\",\"userId\":\"" + user
                    + "\",\"amount\":1.25,\"timestamp\":\"" + now.minusMillis(N - i) + "\"}"));
        }
        records.add(new SimpleEntry<>("metrics-u-0", "not json"));
        records.add(new SimpleEntry<>("metrics-u-0", "{\"purchaseId\":\"mp-bad\",\"userId\":\"metrics-u-0\",\"amount\":0,"
                + "\"timestamp\":\"" + now + "\"}"));
        KafkaClients.send(bootstrap, "purchases", records);

        String after = await(s -> Prometheus.sum(s, in, topic) >= existing + N + 2
                        && Prometheus.sum(s, "suite_records_out_total", "topic=\"purchase-summaries\"") >= summariesBefore + N,
                Duration.ofSeconds(60), "records in grew by " + (N + 2));
        Thread.sleep(1000); // nothing more arrives
        after = scrape();
        assertThat(Prometheus.sum(after, in, topic)).isEqualTo(existing + N + 2);
        assertThat(Prometheus.sum(after, in, "topic=\"metrics-it-")).as("the repartition topic: keyless records only")
                .isEqualTo(repartitionBefore + (N + KEYLESS_EVERY - 1) / KEYLESS_EVERY);
        assertThat(Prometheus.sum(after, "suite_records_out_total", "topic=\"purchase-summaries\"")).isEqualTo(summariesBefore + N);
        assertThat(Prometheus.sum(after, "suite_records_out_total", "topic=\"purchases.dlq\"")).isEqualTo(dlqOutBefore + 2);
        assertThat(Prometheus.sum(after, "suite_dlq_records_total", topic)).isEqualTo(dlqBefore + 2);
        assertThat(Prometheus.sum(after, "suite_dlq_records_total", topic, "reason=\"invalid-json\"")).isEqualTo(invalidJsonBefore + 1);
        // end-to-end latency: a histogram with buckets, one observation per summary written
        assertThat(Prometheus.sum(after, "suite_e2e_latency_seconds_count", "topic=\"purchase-summaries\"")).isEqualTo(latencyBefore + N);
        assertThat(after).contains("suite_e2e_latency_seconds_bucket{", "le=\"0.5\"");
        // watermark lag per task: the tasks that processed these purchases are seconds behind the wall clock
        assertThat(after).contains("suite_watermark_lag_seconds{");
        double minLag = Prometheus.values(after, "suite_watermark_lag_seconds").stream().mapToDouble(Double::doubleValue)
                .min().orElseThrow();
        assertThat(minLag).isBetween(0.0, 60.0);
        // restoration progress, per store
        assertThat(after).contains("suite_restore_remaining_records{", "store=\"purchase-summaries-store\"",
                "suite_restore_records_total{", "suite_restore_partitions_active{");
        assertThat(after).doesNotContain("suite_records_in_records_total"); // Prometheus names without a unit suffix

        // HTTP query latency per endpoint (Spring's http.server.requests, uri = the route template)
        assertThat(Http.get(service.url("/api/users/metrics-u-1/summaries/latest")).statusCode()).isEqualTo(200);
        String http = await(s -> s.contains("uri=\"/api/users/{userId}/summaries/latest\""), Duration.ofSeconds(10),
                "http.server.requests of the query");
        assertThat(http).containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/users/\\{userId}/summaries/latest\"[^}]*le=\"0\\.05\"");

        // consumer lag: Kafka's consumer fetch metrics through Micrometer's KafkaStreamsMetrics. The per-partition
        // series (kafka_consumer_fetch_manager_records_lag{topic,partition}) are registered by its refresh every
        // 60 s, so they appear within a minute of an assignment; waiting for them would cost this test a minute,
        // so it checks the binding through the client-level series present from the start.
        assertThat(after).containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"metrics-it-[^\"]*-StreamThread-1-consumer\"");
    }
}
