package dev.streamsuite.dashboard;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Polls the three services every {@code dashboard.poll-interval}: readiness, {@code /actuator/prometheus}
 * into the {@link Operations}; and their query APIs into the {@link LiveModel}: the current window's summaries
 * of every user from purchase-aggregator ({@code /api/summaries}), and the latest alerts from
 * fraud-detector ({@code /api/alerts}) while the topic has brought none.
 */
public final class ServicePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServicePoller.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int SUMMARY_PAGES = 5;

    private final DashboardProperties properties;
    private final Operations operations;
    private final LiveModel model;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;
    private long round;

    public ServicePoller(DashboardProperties properties, Operations operations, LiveModel model, JsonMapper json) {
        this.properties = properties;
        this.operations = operations;
        this.model = model;
        this.json = json;
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-poller");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::pollSafely, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("Polling the services failed: {}", e.toString());
        }
    }

    void poll() {
        Map<String, String> services = properties.services().byName();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        services.forEach((name, url) -> all.add(pollOne(name, url)));
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        operations.endRound();
        round++;
        if (round % 3 == 1) {
            summariesOfCurrentWindow(services.get("purchase-aggregator"));
        }
        if (!model.hasAlerts()) {
            latestAlerts(services.get("fraud-detector"));
        }
    }

    private CompletableFuture<Void> pollOne(String name, String url) {
        CompletableFuture<HttpResponse<String>> readiness = get(url + "/actuator/health/readiness");
        CompletableFuture<HttpResponse<String>> metrics = get(url + "/actuator/prometheus");
        return CompletableFuture.allOf(readiness.exceptionally(e -> null), metrics.exceptionally(e -> null))
                .handle((ignored, e) -> {
                    String status;
                    String error = null;
                    HttpResponse<String> r = readiness.exceptionally(x -> null).join();
                    if (r == null) {
                        status = "UNREACHABLE";
                        error = "no answer from " + url;
                    } else {
                        status = readinessStatus(r);
                    }
                    ServiceMetrics parsed = null;
                    HttpResponse<String> m = metrics.exceptionally(x -> null).join();
                    if (m != null && m.statusCode() == 200) {
                        parsed = ServiceMetrics.of(Prometheus.parse(m.body()));
                    } else if (m != null && error == null) {
                        error = "/actuator/prometheus answered " + m.statusCode();
                    }
                    operations.update(name, url, status, parsed, error);
                    return null;
                });
    }

    private String readinessStatus(HttpResponse<String> r) {
        try {
            JsonNode body = json.readTree(r.body());
            String status = body.path("status").asString("");
            if (!status.isEmpty()) {
                return status;
            }
        } catch (RuntimeException notJson) {
            // fall through
        }
        return r.statusCode() == 200 ? "UP" : "HTTP " + r.statusCode();
    }

    private void summariesOfCurrentWindow(String url) {
        Instant window = model.currentWindow();
        if (url == null || window == null) {
            return;
        }
        String cursor = null;
        for (int page = 0; page < SUMMARY_PAGES; page++) {
            String query = url + "/api/summaries?limit=1000&windowStart=" + window
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            JsonNode body = getJson(query);
            if (body == null || !body.path("items").isArray()) {
                return;
            }
            List<JsonNode> items = new ArrayList<>();
            body.path("items").forEach(items::add);
            model.acceptSummariesFromApi(items);
            JsonNode next = body.get("nextCursor");
            if (next == null || next.isNull()) {
                return;
            }
            cursor = next.asString();
        }
    }

    private void latestAlerts(String url) {
        if (url == null) {
            return;
        }
        JsonNode body = getJson(url + "/api/alerts?limit=" + properties.alertsShown());
        if (body != null && body.isArray()) {
            List<JsonNode> alerts = new ArrayList<>();
            body.forEach(alerts::add);
            model.acceptAlertsFromApi(alerts);
        }
    }

    private JsonNode getJson(String url) {
        try {
            HttpResponse<String> r = get(url).join();
            return r.statusCode() == 200 ? json.readTree(r.body()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private CompletableFuture<HttpResponse<String>> get(String url) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
