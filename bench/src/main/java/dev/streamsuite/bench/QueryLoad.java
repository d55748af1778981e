package dev.streamsuite.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * HTTP GETs at a fixed concurrency: {@code threads} threads, each sending one request after the other
 * (a closed loop) to a random one of {@code uris}, for {@code seconds}; requests that start in the first
 * {@code warmupSeconds} are not counted.
 */
final class QueryLoad {

    /** @param histogram latencies in microseconds */
    record Result(String name, long requests, long errors, double seconds, Histogram histogram) {

        double qps() {
            return requests / seconds;
        }

        double p50Ms() {
            return histogram.getValueAtPercentile(50) / 1000.0;
        }

        double p99Ms() {
            return histogram.getValueAtPercentile(99) / 1000.0;
        }
    }

    private QueryLoad() {
    }

    static Result run(String name, List<URI> uris, int threads, double seconds, double warmupSeconds) {
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("no URIs for " + name);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = start + (long) ((warmupSeconds + seconds) * 1e9);
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Histogram histogram = new Histogram(60_000_000L, 3);
            histograms.add(histogram);
            SplittableRandom random = new SplittableRandom(31L * t + 7);
            Thread worker = new Thread(() -> {
                try {
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        URI uri = uris.get(random.nextInt(uris.size()));
                        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                        long after = System.nanoTime();
                        if (now >= measureFrom) {
                            histogram.recordValue(Math.max(1, (after - now) / 1000));
                            requests.incrementAndGet();
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        }
                    }
                } catch (IOException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-query-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(name + ": requests failed: " + failures.get(0), failures.get(0));
        }
        Histogram all = new Histogram(60_000_000L, 3);
        histograms.forEach(all::add);
        return new Result(name, requests.get(), errors.get(), seconds, all);
    }
}
