package dev.streamsuite.dashboard;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operational numbers of one service instance, taken from one scrape of its {@code /actuator/prometheus}
 * (metric names as the README's "Metrics" lists them). Counters are totals since the instance started;
 * {@link #rates} turns two scrapes into per-second rates and interval latencies.
 *
 * @param recordsIn        {@code suite_records_in_total} over all topics but repartition topics
 * @param recordsOut       {@code suite_records_out_total} over all topics but repartition topics
 * @param dlq              {@code suite_dlq_records_total}, all topics and reasons
 * @param dlqByTopic       the same per topic
 * @param late             {@code suite_late_records_total}
 * @param alerts           {@code suite_alerts_total}
 * @param e2eBuckets       {@code suite_e2e_latency_seconds_bucket} summed over the result topics (not the late side
 *                         outputs such as {@code purchases-late}, whose records are late by definition): upper bound →
 *                         cumulative count
 * @param e2eCount         {@code suite_e2e_latency_seconds_count} summed over the same topics
 * @param e2eSum           {@code suite_e2e_latency_seconds_sum} summed over the same topics
 * @param consumerLag      {@code kafka_consumer_fetch_manager_records_lag} summed over the partitions of the
 *                         main consumers (not the restore consumers)
 * @param watermarkLagMax  the largest {@code suite_watermark_lag_seconds} of the instance's tasks, NaN if none
 * @param restoreRemaining {@code suite_restore_remaining_records} summed over stores
 */
public record ServiceMetrics(double recordsIn, double recordsOut, double dlq, Map<String, Double> dlqByTopic,
                             double late, double alerts, TreeMap<Double, Double> e2eBuckets, double e2eCount,
                             double e2eSum, double consumerLag, double watermarkLagMax, double restoreRemaining) {

    public static ServiceMetrics of(List<Prometheus.Sample> samples) {
        double in = 0, out = 0, dlq = 0, late = 0, alerts = 0, e2eCount = 0, e2eSum = 0, lag = 0, restore = 0;
        double watermark = Double.NaN;
        Map<String, Double> dlqByTopic = new TreeMap<>();
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (Prometheus.Sample s : samples) {
            double v = s.value();
            if (Double.isNaN(v)) {
                continue;
            }
            if (s.name().startsWith("suite_e2e_latency_seconds") && isLateSideOutput(s.label("topic"))) {
                continue;
            }
            switch (s.name()) {
                case "suite_records_in_total" -> in += s.label("topic").endsWith("-repartition") ? 0 : v;
                case "suite_records_out_total" -> out += s.label("topic").endsWith("-repartition") ? 0 : v;
                case "suite_dlq_records_total" -> {
                    dlq += v;
                    dlqByTopic.merge(s.label("topic"), v, Double::sum);
                }
                case "suite_late_records_total" -> late += v;
                case "suite_alerts_total" -> alerts += v;
                case "suite_e2e_latency_seconds_bucket" -> {
                    String le = s.label("le");
                    double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                    buckets.merge(bound, v, Double::sum);
                }
                case "suite_e2e_latency_seconds_count" -> e2eCount += v;
                case "suite_e2e_latency_seconds_sum" -> e2eSum += v;
                case "kafka_consumer_fetch_manager_records_lag" -> {
                    String client = s.label("client_id");
                    if (!client.contains("restore-consumer") && !client.contains("global-consumer")) {
                        lag += Math.max(0, v);
                    }
                }
                case "suite_watermark_lag_seconds" -> watermark = Double.isNaN(watermark) ? v : Math.max(watermark, v);
                case "suite_restore_remaining_records" -> restore += v;
                default -> {
                }
            }
        }
        return new ServiceMetrics(in, out, dlq, dlqByTopic, late, alerts, buckets, e2eCount, e2eSum, lag, watermark, restore);
    }

    /** A side output of records that came too late ({@code purchases-late}): not a result's latency. */
    static boolean isLateSideOutput(String topic) {
        return topic.endsWith("-late") || topic.endsWith(".late");
    }

    /**
     * Rates between an earlier scrape and this one.
     *
     * @return inPerSecond, outPerSecond, e2e avg / p50 / p95 in seconds over the interval (NaN when no record
     *         was written in it)
     */
    public Rates rates(ServiceMetrics earlier, double seconds) {
        if (earlier == null || seconds <= 0) {
            return new Rates(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double in = Math.max(0, recordsIn - earlier.recordsIn) / seconds;
        double out = Math.max(0, recordsOut - earlier.recordsOut) / seconds;
        double count = e2eCount - earlier.e2eCount;
        if (count <= 0 || recordsIn < earlier.recordsIn) { // nothing new, or the instance restarted
            return new Rates(in, out, Double.NaN, Double.NaN, Double.NaN);
        }
        TreeMap<Double, Double> delta = new TreeMap<>();
        e2eBuckets.forEach((le, c) -> delta.put(le, c - earlier.e2eBuckets.getOrDefault(le, 0.0)));
        return new Rates(in, out, (e2eSum - earlier.e2eSum) / count, quantile(delta, 0.5), quantile(delta, 0.95));
    }

    /** Interpolated quantile of cumulative histogram buckets, as Prometheus' histogram_quantile does. */
    static double quantile(TreeMap<Double, Double> cumulative, double q) {
        if (cumulative.isEmpty()) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> b : cumulative.entrySet()) {
            if (b.getValue() >= rank) {
                if (b.getKey().isInfinite()) {
                    return lowerBound; // beyond the highest finite bucket: its bound is the best answer
                }
                double inBucket = b.getValue() - lowerCount;
                return inBucket <= 0 ? b.getKey()
                        : lowerBound + (b.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = b.getKey();
            lowerCount = b.getValue();
        }
        return lowerBound;
    }

    /** Throughput and latency over one poll interval. */
    public record Rates(double inPerSecond, double outPerSecond, double e2eAvg, double e2eP50, double e2eP95) {
    }
}
