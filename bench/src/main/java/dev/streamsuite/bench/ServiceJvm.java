package dev.streamsuite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One instance of a service, started from its jar in a JVM of its own, the way users run it. */
final class ServiceJvm implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Instances still running, stopped by a shutdown hook if the harness is stopped (Ctrl-C, SIGTERM). */
    private static final Set<ServiceJvm> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ServiceJvm::stop), "bench-stop-services"));
    }

    private final String name;
    private final int port;
    private final Path log;
    private final List<String> command;
    private Process process;

    /**
     * @param jar      the service's Spring Boot jar
     * @param jvmOpts  JVM options
     * @param appName  {@code spring.application.name}, which is also the Kafka Streams application id
     * @param stateDir Kafka Streams' state directory
     * @param extra    further {@code --name=value} arguments
     */
    ServiceJvm(Path jar, List<String> jvmOpts, String bootstrapServers, String appName, int port, Path stateDir,
               List<String> extra, Path log) {
        this.name = appName + ":" + port;
        this.port = port;
        this.log = log;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOpts);
        cmd.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers, "--spring.kafka.streams.state-dir=" + stateDir,
                "--spring.application.name=" + appName));
        cmd.addAll(extra);
        this.command = List.copyOf(cmd);
    }

    ServiceJvm start() {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            RUNNING.add(this);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** {@code localhost:<port>}, as the instance names itself in {@code X-Served-By}. */
    String address() {
        return "localhost:" + port;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /**
     * Waits until readiness is UP (Kafka Streams RUNNING, no active store restoring), polling every
     * {@code pollMillis}; returns the {@link System#nanoTime()} it was seen UP.
     */
    long awaitReady(Duration timeout, long pollMillis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log
                        + ":\n" + tail(40));
            }
            if (isReady()) {
                return System.nanoTime();
            }
            sleep(pollMillis);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log + ":\n" + tail(40));
    }

    boolean isReady() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log + ":\n" + tail(40));
        }
    }

    double cpuSeconds() {
        return ProcStat.cpuSeconds(pid());
    }

    /** SIGTERM (Kafka Streams commits and closes), SIGKILL if it takes longer than a minute. */
    void stop() {
        RUNNING.remove(this);
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
