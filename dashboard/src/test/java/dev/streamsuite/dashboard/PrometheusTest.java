package dev.streamsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Reading /actuator/prometheus and turning two scrapes into rates. */
class PrometheusTest {

    private static final String SCRAPE = """
            # HELP suite_records_in_total Records read
            # TYPE suite_records_in_total counter
            suite_records_in_total{application="purchase-aggregator",topic="purchases"} 100.0
            suite_records_in_total{application="purchase-aggregator",topic="purchase-aggregator-purchases-by-user-repartition"} 98.0
            suite_records_out_total{application="purchase-aggregator",topic="purchase-summaries"} 90.0
            suite_records_out_total{application="purchase-aggregator",topic="purchases.dlq"} 2.0
            suite_dlq_records_total{application="purchase-aggregator",reason="invalid-json",topic="purchases"} 2.0
            suite_late_records_total{application="purchase-aggregator",topic="purchases"} 3.0
            suite_e2e_latency_seconds_bucket{application="purchase-aggregator",topic="purchase-summaries",le="0.1"} 10
            suite_e2e_latency_seconds_bucket{application="purchase-aggregator",topic="purchase-summaries",le="1.0"} 80
            suite_e2e_latency_seconds_bucket{application="purchase-aggregator",topic="purchase-summaries",le="+Inf"} 90
            suite_e2e_latency_seconds_count{application="purchase-aggregator",topic="purchase-summaries"} 90
            suite_e2e_latency_seconds_sum{application="purchase-aggregator",topic="purchase-summaries"} 45.0
            suite_e2e_latency_seconds_count{application="purchase-aggregator",topic="purchases-late"} 5
            kafka_consumer_fetch_manager_records_lag{client_id="pa-StreamThread-1-consumer",partition="0",topic="purchases"} 7.0
            kafka_consumer_fetch_manager_records_lag{client_id="pa-StateUpdater-1-restore-consumer",partition="0",topic="pa-changelog"} 500.0
            kafka_consumer_fetch_manager_records_lag{client_id="pa-StreamThread-1-consumer",partition="1",topic="purchases"} NaN
            suite_watermark_lag_seconds{application="purchase-aggregator",task="0_0"} 1.5
            suite_watermark_lag_seconds{application="purchase-aggregator",task="1_0"} 4.25
            suite_restore_remaining_records{store="s"} 12.0
            label_with_escapes{a="x\\"y",b="line\\nnext"} 1
            """;

    @Test
    void parsesSamplesWithLabelsAndSpecialValues() {
        List<Prometheus.Sample> samples = Prometheus.parse(SCRAPE);
        assertThat(samples).hasSize(19);
        Prometheus.Sample escaped = samples.get(samples.size() - 1);
        assertThat(escaped.labels()).containsEntry("a", "x\"y").containsEntry("b", "line\nnext");
        assertThat(Prometheus.parseLine("up 1").value()).isEqualTo(1.0);
        assertThat(Prometheus.parseLine("x{le=\"+Inf\"} +Inf").value()).isInfinite();
    }

    @Test
    void sumsWhatThePanelShows() {
        ServiceMetrics m = ServiceMetrics.of(Prometheus.parse(SCRAPE));
        assertThat(m.recordsIn()).isEqualTo(100); // repartition topics are not throughput
        assertThat(m.recordsOut()).isEqualTo(92);
        assertThat(m.dlq()).isEqualTo(2);
        assertThat(m.dlqByTopic()).containsEntry("purchases", 2.0);
        assertThat(m.late()).isEqualTo(3);
        assertThat(m.consumerLag()).isEqualTo(7); // not the restore consumer, NaN skipped
        assertThat(m.watermarkLagMax()).isEqualTo(4.25);
        assertThat(m.restoreRemaining()).isEqualTo(12);
        assertThat(m.e2eCount()).isEqualTo(90); // late side outputs are not results
    }

    @Test
    void ratesAndQuantilesBetweenTwoScrapes() {
        ServiceMetrics earlier = ServiceMetrics.of(Prometheus.parse(SCRAPE));
        ServiceMetrics later = ServiceMetrics.of(Prometheus.parse(SCRAPE
                .replace("topic=\"purchases\"} 100.0", "topic=\"purchases\"} 120.0")
                .replace("le=\"0.1\"} 10", "le=\"0.1\"} 20")
                .replace("le=\"1.0\"} 80", "le=\"1.0\"} 100")
                .replace("le=\"+Inf\"} 90", "le=\"+Inf\"} 110")
                .replace("_count{application=\"purchase-aggregator\",topic=\"purchase-summaries\"} 90", "_count{application=\"purchase-aggregator\",topic=\"purchase-summaries\"} 110")
                .replace("_sum{application=\"purchase-aggregator\",topic=\"purchase-summaries\"} 45.0", "_sum{application=\"purchase-aggregator\",topic=\"purchase-summaries\"} 55.0")));
        ServiceMetrics.Rates rates = later.rates(earlier, 2.0);
        assertThat(rates.inPerSecond()).isEqualTo(10.0);
        assertThat(rates.e2eAvg()).isEqualTo(0.5);
        // 20 new: 10 ≤ 0.1 s, 10 in (0.1, 1]: the median is the top of the first bucket, p95 inside the second
        assertThat(rates.e2eP50()).isCloseTo(0.1, within(1e-9));
        assertThat(rates.e2eP95()).isCloseTo(0.1 + 0.9 * 9 / 10, within(1e-9));
        assertThat(later.rates(null, 2.0).inPerSecond()).isNaN();
        assertThat(earlier.rates(earlier, 2.0).e2eP95()).isNaN(); // nothing written in between
    }

    @Test
    void quantileBeyondTheLastFiniteBucketIsThatBound() {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        buckets.put(1.0, 1.0);
        buckets.put(Double.POSITIVE_INFINITY, 10.0);
        assertThat(ServiceMetrics.quantile(buckets, 0.95)).isEqualTo(1.0);
        assertThat(ServiceMetrics.quantile(new TreeMap<>(), 0.5)).isNaN();
    }
}
