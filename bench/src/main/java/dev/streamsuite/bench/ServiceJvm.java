package dev.streamsuite.bench;

import dev.streamsuite.testsupport.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of a service, started from its jar in a JVM of its own, the way users run it; process
 * handling is test-support's {@link ChildJvm}.
 */
final class ServiceJvm extends ChildJvm {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** JVMs still running, stopped by a shutdown hook if the harness is stopped (Ctrl-C, SIGTERM). */
    private static final Set<ChildJvm> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ChildJvm::stop), "bench-stop-services"));
    }

    /** Starts a JVM of the harness that must not outlive it. */
    static void startTracked(ChildJvm jvm) {
        jvm.start();
        RUNNING.add(jvm);
    }

    /** Stops a JVM started with {@link #startTracked}. */
    static void stopTracked(ChildJvm jvm) {
        RUNNING.remove(jvm);
        jvm.stop();
    }

    private final int port;

    /**
     * @param jar      the service's Spring Boot jar
     * @param jvmOpts  JVM options
     * @param appName  {@code spring.application.name}, which is also the Kafka Streams application id
     * @param stateDir Kafka Streams' state directory
     * @param extra    further {@code --name=value} arguments
     */
    ServiceJvm(Path jar, List<String> jvmOpts, String bootstrapServers, String appName, int port, Path stateDir,
               List<String> extra, Path log) {
        super(appName + ":" + port, arguments(jar, jvmOpts, bootstrapServers, appName, port, stateDir, extra), log);
        this.port = port;
    }

    private static List<String> arguments(Path jar, List<String> jvmOpts, String bootstrapServers, String appName,
                                          int port, Path stateDir, List<String> extra) {
        List<String> args = new ArrayList<>(jvmOpts);
        args.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers, "--spring.kafka.streams.state-dir=" + stateDir,
                "--spring.application.name=" + appName));
        args.addAll(extra);
        return args;
    }

    /** Starts the JVM; it is stopped when the harness exits. */
    ServiceJvm launch() {
        startTracked(this);
        return this;
    }

    /** {@code localhost:<port>}, as the instance names itself in {@code X-Served-By}. */
    String address() {
        return "localhost:" + port;
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /**
     * Waits until readiness is UP (Kafka Streams RUNNING, no active store restoring), polling every
     * {@code pollMillis}; returns the {@link System#nanoTime()} it was seen UP.
     */
    long awaitReady(Duration timeout, long pollMillis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            checkAlive();
            if (isReady()) {
                return System.nanoTime();
            }
            sleep(pollMillis);
        }
        throw new IllegalStateException(name() + " not ready within " + timeout + "; see " + log() + ":\n" + tail(40));
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

    double cpuSeconds() {
        return ProcStat.cpuSeconds(pid());
    }

    /** SIGTERM (Kafka Streams commits and closes), SIGKILL if it takes longer than a minute. */
    @Override
    public synchronized void stop() {
        RUNNING.remove(this);
        super.stop();
    }
}
