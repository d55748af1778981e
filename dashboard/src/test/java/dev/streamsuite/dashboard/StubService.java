package dev.streamsuite.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for one service's actuator in dashboard tests: readiness with a fixed status and a
 * {@code /actuator/prometheus} whose counters grow by a fixed step per scrape.
 */
final class StubService implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger scrapes = new AtomicInteger();

    StubService(String name, int readinessStatus, String readiness) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = ("{\"status\":\"" + readiness + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(readinessStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/actuator/prometheus", exchange -> {
            int n = scrapes.incrementAndGet();
            byte[] body = prometheus(name, n).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Per scrape: 40 records in, 38 out, every one written with 0.1 s..1 s latency; lag 17; 3 dead letters. */
    static String prometheus(String app, int n) {
        String tags = "application=\"" + app + "\"";
        return "# TYPE suite_records_in_total counter\n"
                + "suite_records_in_total{" + tags + ",topic=\"purchases\"} " + (40.0 * n) + "\n"
                + "suite_records_out_total{" + tags + ",topic=\"purchase-summaries\"} " + (38.0 * n) + "\n"
                + "suite_dlq_records_total{" + tags + ",reason=\"invalid-json\",topic=\"purchases\"} 3.0\n"
                + "suite_late_records_total{" + tags + ",topic=\"purchases\"} 1.0\n"
                + "suite_e2e_latency_seconds_bucket{" + tags + ",topic=\"purchase-summaries\",le=\"0.1\"} 0\n"
                + "suite_e2e_latency_seconds_bucket{" + tags + ",topic=\"purchase-summaries\",le=\"1.0\"} " + (38 * n) + "\n"
                + "suite_e2e_latency_seconds_bucket{" + tags + ",topic=\"purchase-summaries\",le=\"+Inf\"} " + (38 * n) + "\n"
                + "suite_e2e_latency_seconds_count{" + tags + ",topic=\"purchase-summaries\"} " + (38 * n) + "\n"
                + "suite_e2e_latency_seconds_sum{" + tags + ",topic=\"purchase-summaries\"} " + (19.0 * n) + "\n"
                + "kafka_consumer_fetch_manager_records_lag{" + tags + ",client_id=\"x-StreamThread-1-consumer\",partition=\"0\",topic=\"purchases\"} 17.0\n"
                + "suite_watermark_lag_seconds{" + tags + ",task=\"0_0\"} 2.5\n"
                + "suite_restore_remaining_records{" + tags + ",store=\"s\"} 0.0\n";
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
