package dev.streamsuite.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations panel: per service, readiness and the numbers of its latest scrape, and a short history of
 * throughput, latency and lag for the charts. Fed by {@link ServicePoller}; thread-safe.
 */
public final class Operations {

    private final Clock clock;
    private final int historyPoints;
    private final Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    private final Map<String, ServiceMetrics> lastMetrics = new LinkedHashMap<>();
    private final Map<String, Long> lastScrapeMs = new LinkedHashMap<>();
    private final Deque<Map<String, Object>> history = new ArrayDeque<>();
    private long version;

    /** @param names the services in display order; each shows as not polled yet until its first poll */
    public Operations(Clock clock, int historyPoints, List<String> names) {
        this.clock = clock;
        this.historyPoints = historyPoints;
        for (String name : names) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", name);
            s.put("readiness", "UNKNOWN");
            s.put("ready", false);
            services.put(name, s);
        }
    }

    /**
     * The result of polling one service.
     *
     * @param readiness the readiness status ({@code UP}, {@code OUT_OF_SERVICE}, …) or {@code UNREACHABLE}
     * @param metrics   the scrape, or null when it failed
     * @param error     why polling failed, or null
     */
    public synchronized void update(String name, String url, String readiness, ServiceMetrics metrics, String error) {
        long now = clock.millis();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", name);
        s.put("url", url);
        s.put("readiness", readiness);
        s.put("ready", "UP".equals(readiness));
        s.put("error", error);
        if (metrics != null) {
            ServiceMetrics earlier = lastMetrics.get(name);
            Long earlierMs = lastScrapeMs.get(name);
            ServiceMetrics.Rates rates = metrics.rates(earlier, earlierMs == null ? 0 : (now - earlierMs) / 1000.0);
            s.put("inPerSecond", finite(rates.inPerSecond()));
            s.put("outPerSecond", finite(rates.outPerSecond()));
            s.put("e2eAvgSeconds", finite(rates.e2eAvg()));
            s.put("e2eP50Seconds", finite(rates.e2eP50()));
            s.put("e2eP95Seconds", finite(rates.e2eP95()));
            s.put("recordsIn", metrics.recordsIn());
            s.put("recordsOut", metrics.recordsOut());
            s.put("consumerLag", metrics.consumerLag());
            s.put("watermarkLagSeconds", finite(metrics.watermarkLagMax()));
            s.put("dlq", metrics.dlq());
            s.put("dlqByTopic", metrics.dlqByTopic());
            s.put("late", metrics.late());
            s.put("alerts", metrics.alerts());
            s.put("restoreRemaining", metrics.restoreRemaining());
            lastMetrics.put(name, metrics);
            lastScrapeMs.put(name, now);
        } else {
            lastMetrics.remove(name);
            lastScrapeMs.remove(name);
        }
        services.put(name, s);
        version++;
    }

    /** After every service of one round was polled: one point of history. */
    public synchronized void endRound() {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("t", Instant.ofEpochMilli(clock.millis()).toString());
        Map<String, Object> per = new LinkedHashMap<>();
        services.forEach((name, s) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("inPerSecond", s.get("inPerSecond"));
            p.put("e2eP95Seconds", s.get("e2eP95Seconds"));
            p.put("consumerLag", s.get("consumerLag"));
            per.put(name, p);
        });
        point.put("services", per);
        history.addLast(point);
        while (history.size() > historyPoints) {
            history.removeFirst();
        }
        version++;
    }

    public synchronized long version() {
        return version;
    }

    public synchronized Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", Instant.ofEpochMilli(clock.millis()).toString());
        view.put("services", new ArrayList<>(services.values()));
        view.put("history", new ArrayList<>(history));
        return view;
    }

    /** JSON has no NaN: null instead. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
