package dev.streamsuite.testsupport;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service started from its Spring Boot jar ({@code target/<service>.jar}) as a child JVM, the way
 * users start it; tests SIGKILL and restart it on the same state directory.
 */
public final class ServiceProcess extends ChildJvm {

    private final int port;
    private final Path stateDir;

    private ServiceProcess(String name, List<String> args, Path log, int port, Path stateDir) {
        super(name, args, log);
        this.port = port;
        this.stateDir = stateDir;
    }

    /**
     * @param service the module name, e.g. {@code purchase-aggregator}; the jar is {@code target/<service>.jar}
     * @param extra   further {@code --name=value} arguments
     */
    public static ServiceProcess of(String service, String bootstrapServers, String... extra) {
        Path jar = Path.of("target", service + ".jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: integration tests run after 'package'");
        }
        int port = Ports.free();
        Path stateDir = TempDirs.create(service + "-state-");
        List<String> args = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString(), "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.streams.state-dir=" + stateDir));
        args.addAll(List.of(extra));
        return new ServiceProcess(service + ":" + port, args, Path.of("target", "it-logs", service + "-" + port + ".log"),
                port, stateDir);
    }

    /**
     * The same instance (port, state directory, log) with further arguments, for a restart with changed
     * configuration; this one must be stopped.
     */
    public ServiceProcess withArgs(String... more) {
        if (isAlive()) {
            throw new IllegalStateException(name() + " is still running");
        }
        List<String> args = new ArrayList<>(command().subList(1, command().size()));
        args.addAll(List.of(more));
        return new ServiceProcess(name(), args, log(), port, stateDir);
    }

    public int port() {
        return port;
    }

    public String address() {
        return "localhost:" + port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Starts the JVM and waits until readiness is UP. */
    public ServiceProcess startAndAwaitReady(Duration timeout) {
        start();
        return awaitReady(timeout);
    }

    public ServiceProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name() + " exited:\n" + tail(60));
            }
            try {
                HttpResponse<String> r = Http.get(url("/actuator/health/readiness"));
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            sleep(250);
        }
        throw new IllegalStateException(name() + " not ready within " + timeout + ":\n" + tail(60));
    }

    /**
     * {@code path} from two instances of a service once both answer it with {@code status}, the same body and the
     * same {@code X-Served-By} (while an instance joins, a store may be moving: 503); the first one's answer.
     */
    public static HttpResponse<String> sameAnswer(ServiceProcess first, ServiceProcess second, String path, int status,
                                                  Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> a;
        HttpResponse<String> b;
        do {
            a = Http.get(first.url(path));
            b = Http.get(second.url(path));
            if (a.statusCode() == status && b.statusCode() == status && a.body().equals(b.body())
                    && a.headers().firstValue("X-Served-By").equals(b.headers().firstValue("X-Served-By"))) {
                return a;
            }
            sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + path + ": " + a.statusCode() + " " + a.headers().firstValue("X-Served-By") + " "
                + a.body() + " vs " + b.statusCode() + " " + b.headers().firstValue("X-Served-By") + " " + b.body());
    }
}
