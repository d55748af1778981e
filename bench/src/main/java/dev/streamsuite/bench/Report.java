package dev.streamsuite.bench;

import dev.streamsuite.model.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one benchmark run: the table on stdout and {@code bench/results/latest.json}. */
public final class Report {

    /**
     * One service's figures.
     *
     * @param records               input records of the backlog
     * @param recordsPerSec         backlog / time from RUNNING until caught up
     * @param steadyRecordsPerSec   between 10% and 90% of the backlog
     * @param baselineRecordsPerSec the raw consumer on the same partitions
     * @param copyRecordsPerSec     steady rate of {@link StreamsCopy}: Kafka Streams copying the same backlog as bytes
     * @param plainRecordsPerSec    steady rate of the service's {@link PlainVersions plain version}; NaN when not run
     * @param cpuSecondsPerMillion  the service JVM's CPU per million input records
     * @param brokerCpuSecondsPerMillion the broker's CPU in the same time, per million input records
     * @param baselineCpuSecondsPerMillion the raw consumer's CPU per million records read
     * @param latencyRate           input rate of the latency run
     * @param latencySent           counted inputs of the latency run
     * @param latencyReceived       their outputs read
     */
    public record ServiceResult(String service, long records, double recordsPerSec, double steadyRecordsPerSec,
                                double baselineRecordsPerSec, double copyRecordsPerSec, double plainRecordsPerSec,
                                double cpuSecondsPerMillion,
                                double brokerCpuSecondsPerMillion, double baselineCpuSecondsPerMillion,
                                double latencyRate, long latencySent, long latencyReceived, double e2eP50Ms,
                                double e2eP99Ms, double e2eMaxMs) {

        /** The service's steady-state rate as a share of the raw consumer's. */
        public double ratio() {
            return steadyRecordsPerSec / baselineRecordsPerSec;
        }

        /** The service's steady-state rate as a share of Kafka Streams doing nothing but copying the records. */
        public double copyRatio() {
            return steadyRecordsPerSec / copyRecordsPerSec;
        }

        /** The service's steady-state rate as a multiple of its plain version's; NaN when that was not run. */
        public double plainRatio() {
            return steadyRecordsPerSec / plainRecordsPerSec;
        }
    }

    /**
     * The query benchmark (fraud-detector, balances by user); each a qps, p50 and p99.
     *
     * @param qps            local key lookups against one instance (all keys are local)
     * @param baselineQps    the liveness endpoint on the same instance: the HTTP stack without a store
     * @param forwardedQps   with a second instance: keys it owns, asked of the first, which forwards them
     * @param ownerQps       the same keys asked of their owner directly
     * @param pairLocalQps   with a second instance: keys the first owns, asked of the first
     * @param errors         answers other than 200
     */
    public record QueryResult(int threads, double qps, double p50Ms, double p99Ms, double baselineQps,
                              double baselineP50Ms, double baselineP99Ms, double forwardedQps, double forwardedP50Ms,
                              double forwardedP99Ms, double ownerQps, double ownerP50Ms, double ownerP99Ms,
                              double pairLocalQps, double pairLocalP50Ms, double pairLocalP99Ms, long errors) {
    }

    private final Instant timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final boolean quick;
    private final List<ServiceResult> results = new ArrayList<>();
    private QueryResult query;

    Report(boolean quick) {
        this.quick = quick;
    }

    void add(ServiceResult result) {
        results.add(result);
    }

    void query(QueryResult query) {
        this.query = query;
    }

    public List<ServiceResult> results() {
        return List.copyOf(results);
    }

    public QueryResult query() {
        return query;
    }

    /** The JSON of the issue: timestamp, machine, quick, results[], query. */
    public Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("timestamp", timestamp.toString());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryGiB", finite(ProcStat.memoryGiB(), 1));
        machine.put("java", System.getProperty("java.runtime.version", System.getProperty("java.version")));
        root.put("machine", machine);
        root.put("quick", quick);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServiceResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", r.service());
            m.put("records", r.records());
            m.put("recordsPerSec", Math.round(r.recordsPerSec()));
            m.put("steadyRecordsPerSec", Math.round(r.steadyRecordsPerSec()));
            m.put("baselineRecordsPerSec", Math.round(r.baselineRecordsPerSec()));
            m.put("ratio", finite(r.ratio(), 6));
            m.put("streamsCopyRecordsPerSec", Math.round(r.copyRecordsPerSec()));
            m.put("streamsCopyRatio", finite(r.copyRatio(), 4));
            m.put("plainRecordsPerSec", Double.isNaN(r.plainRecordsPerSec()) ? null : Math.round(r.plainRecordsPerSec()));
            m.put("plainRatio", finite(r.plainRatio(), 4));
            m.put("cpuSecondsPerMillion", finite(r.cpuSecondsPerMillion(), 2));
            m.put("e2eP50Ms", finite(r.e2eP50Ms(), 1));
            m.put("e2eP99Ms", finite(r.e2eP99Ms(), 1));
            list.add(m);
        }
        root.put("results", list);
        if (query == null) {
            root.put("query", null);
        } else {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("qps", Math.round(query.qps()));
            q.put("p50Ms", finite(query.p50Ms(), 2));
            q.put("p99Ms", finite(query.p99Ms(), 2));
            q.put("baselineP99Ms", finite(query.baselineP99Ms(), 2));
            q.put("forwardedP99Ms", finite(query.forwardedP99Ms(), 2));
            root.put("query", q);
        }
        return root;
    }

    void writeJson(Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json()) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table printed at the end of a run. */
    public String table() {
        StringBuilder out = new StringBuilder();
        boolean plain = results.stream().anyMatch(r -> !Double.isNaN(r.plainRecordsPerSec()));
        out.append(String.format(Locale.ROOT, "%-20s %9s %12s %10s%s %11s %11s %7s %8s%s %9s %9s %9s %9s %9s %9s%n", "service",
                "records", "baseline/s", "copy/s", column(plain, " %9s", "plain/s"), "service/s", "steady/s", "ratio",
                "vs copy", column(plain, " %8s", "vs plain"), "cpu s/M", "broker", "baseline", "e2e rate", "p50 ms", "p99 ms"));
        for (ServiceResult r : results) {
            out.append(String.format(Locale.ROOT,
                    "%-20s %9d %12.0f %10.0f%s %11.0f %11.0f %6.2f%% %7.1f%%%s %9.2f %9.2f %9.2f %9.0f %9.1f %9.1f%n",
                    r.service(), r.records(), r.baselineRecordsPerSec(), r.copyRecordsPerSec(),
                    column(plain, " %9.0f", r.plainRecordsPerSec()), r.recordsPerSec(),
                    r.steadyRecordsPerSec(), 100 * r.ratio(), 100 * r.copyRatio(),
                    column(plain, " %7.2fx", r.plainRatio()), r.cpuSecondsPerMillion(),
                    r.brokerCpuSecondsPerMillion(), r.baselineCpuSecondsPerMillion(), r.latencyRate(), r.e2eP50Ms(),
                    r.e2eP99Ms()));
        }
        out.append("  ratio = steady/s / baseline/s; copy/s = Kafka Streams copying the same records as bytes (exactly-once, no state), steady;\n")
                .append("  vs copy = steady/s / copy/s; cpu s/M = CPU seconds per million input records (service JVM, broker, raw consumer);\n");
        if (plain) {
            out.append("  plain/s = the service written plainly with the DSL (PlainVersions: JSON state, no validation), steady;"
                    + " vs plain = steady/s / plain/s;\n");
        }
        out.append("  e2e = produce to read_committed output at the given input rate (order-enricher: orders already past the join grace)\n");
        for (ServiceResult r : results) {
            if (r.latencyReceived() < r.latencySent()) {
                out.append(String.format(Locale.ROOT, "  %s: only %d of %d latency outputs arrived within the drain time"
                        + " (the service did not keep up at %.0f/s; the missing ones count with their waiting time)%n",
                        r.service(), r.latencyReceived(), r.latencySent(), r.latencyRate()));
            }
        }
        if (query != null) {
            out.append(String.format(Locale.ROOT, "%nquery (fraud-detector, %d threads)      qps    p50 ms    p99 ms%n", query.threads()));
            out.append(String.format(Locale.ROOT, "  liveness (baseline)        %9.0f %9.2f %9.2f%n", query.baselineQps(),
                    query.baselineP50Ms(), query.baselineP99Ms()));
            out.append(String.format(Locale.ROOT, "  balance, local, 1 instance %9.0f %9.2f %9.2f%n", query.qps(), query.p50Ms(),
                    query.p99Ms()));
            out.append(String.format(Locale.ROOT, "  with a second instance:%n"));
            out.append(String.format(Locale.ROOT, "  balance, local             %9.0f %9.2f %9.2f%n", query.pairLocalQps(),
                    query.pairLocalP50Ms(), query.pairLocalP99Ms()));
            out.append(String.format(Locale.ROOT, "  balance, forwarded         %9.0f %9.2f %9.2f%n", query.forwardedQps(),
                    query.forwardedP50Ms(), query.forwardedP99Ms()));
            out.append(String.format(Locale.ROOT, "  same keys, at their owner  %9.0f %9.2f %9.2f%n", query.ownerQps(),
                    query.ownerP50Ms(), query.ownerP99Ms()));
            if (query.errors() > 0) {
                out.append("  non-200 answers: ").append(query.errors()).append('\n');
            }
        }
        return out.toString();
    }

    /** A column only runs with {@code --plain} have: {@code value} formatted, or nothing. */
    private static String column(boolean shown, String format, Object value) {
        return shown ? String.format(Locale.ROOT, format, value) : "";
    }

    /** A JSON number rounded to {@code decimals}, or null for NaN/infinite (JSON has no NaN). */
    private static Double finite(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
