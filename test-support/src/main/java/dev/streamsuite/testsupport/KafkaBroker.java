package dev.streamsuite.testsupport;

import dev.streamsuite.localkafka.LocalKafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: one real single-node KRaft broker (the Kafka jars, in a child JVM on free ports)
 * for all test classes of a test run, stopped when the run ends.
 *
 * <pre>{@literal @}ExtendWith(KafkaBroker.class) ... KafkaBroker.bootstrapServers()</pre>
 */
public final class KafkaBroker implements BeforeAllCallback {

    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KafkaBroker.class, k -> start(), Running.class);
    }

    public static String bootstrapServers() {
        if (running == null) {
            throw new IllegalStateException("no broker: annotate the test class with @ExtendWith(KafkaBroker.class)");
        }
        return running.bootstrapServers();
    }

    /** SIGKILLs the broker and starts it again on the same port and log directory. */
    public static void restartHard() {
        running.jvm.kill();
        running.jvm.start();
        awaitBroker(running.bootstrapServers(), Duration.ofSeconds(60));
    }

    private static Running start() {
        Own own = startOwn("kafka", "-Xmx512m");
        running = new Running(own.jvm(), own.bootstrapServers());
        return running;
    }

    /** A broker of the caller's own: its data cannot disturb the shared broker's tests, nor theirs it. */
    public record Own(ChildJvm jvm, String bootstrapServers) {
    }

    /**
     * Starts a broker of its own for a test class (stop its {@code jvm()} when done); its log is
     * {@code target/it-logs/<name>-<port>.log}.
     */
    public static Own startOwn(String name) {
        return startOwn(name, "-Xmx384m");
    }

    private static Own startOwn(String name, String heap) {
        try {
            int port = Ports.free();
            int controllerPort = Ports.free();
            Path dir = TempDirs.create(name + "-");
            ChildJvm jvm = new ChildJvm(name, List.of(heap, "-XX:+UseSerialGC", "-cp", classpath(),
                    LocalKafka.class.getName(), "--port", Integer.toString(port), "--controller-port",
                    Integer.toString(controllerPort), "--dir", dir.toString()),
                    Path.of("target", "it-logs", name + "-" + port + ".log"));
            jvm.start();
            String bootstrap = "127.0.0.1:" + port;
            try {
                awaitBroker(bootstrap, Duration.ofSeconds(90));
            } catch (RuntimeException e) {
                throw new IllegalStateException("broker did not start:\n" + jvm.tail(40), e);
            }
            return new Own(jvm, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void awaitBroker(String bootstrap, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("broker at " + bootstrap + " not reachable within " + timeout, e);
                    }
                    Thread.sleep(300);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The broker's classpath, written into the local-kafka jar at build time, plus the launcher itself. */
    private static String classpath() throws IOException {
        try (InputStream in = LocalKafka.class.getResourceAsStream("/local-kafka.classpath")) {
            if (in == null) {
                throw new IllegalStateException("local-kafka.classpath missing: build the local-kafka module first");
            }
            String deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String self = Path.of(LocalKafka.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            return self + java.io.File.pathSeparator + deps;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Running(ChildJvm jvm, String bootstrapServers) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            jvm.stop();
        }
    }
}
