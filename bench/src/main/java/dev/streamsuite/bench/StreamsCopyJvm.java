package dev.streamsuite.bench;

import dev.streamsuite.testsupport.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * {@link StreamsCopy} in a JVM of its own, started like a service (fresh, with the services' JVM options)
 * and measured like one: from RUNNING until its committed offsets reach the end of the backlog.
 */
final class StreamsCopyJvm extends ChildJvm {

    /** @param steadyRecordsPerSec between 10% and 90% of the backlog, as for a service */
    record Result(double recordsPerSec, double steadyRecordsPerSec, double cpuSecondsPerMillion) {
    }

    private StreamsCopyJvm(String name, List<String> command, Path log) {
        super(name, command, log);
    }

    /**
     * Copies the backlog of {@code inputTopics} once, with application id {@code appId}, into a new topic
     * {@code appId-copy}, or with {@code plainService} runs that service's {@link PlainVersions plain version} on
     * it (writing to that topic); returns the rates and the JVM's CPU per million input records.
     */
    static Result measure(Admin admin, String bootstrapServers, List<String> jvmOpts, String appId, List<String> inputTopics,
                          String plainService, Path work, Duration timeout) {
        String output = appId + "-copy";
        try {
            admin.createTopics(List.of(new NewTopic(output, Optional.of(Bench.PARTITIONS), Optional.empty())))
                    .all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot create " + output + ": " + e, e);
        }
        List<String> command = new ArrayList<>(jvmOpts);
        command.addAll(launch());
        if (plainService != null) {
            command.addAll(List.of("--plain", plainService));
        }
        command.addAll(List.of(bootstrapServers, appId, work.resolve("state").resolve(appId).toString(), output));
        command.addAll(inputTopics);
        StreamsCopyJvm jvm = new StreamsCopyJvm(appId, command, work.resolve("logs").resolve(appId + ".log"));
        Progress progress = new Progress(admin, appId, inputTopics, List.of());
        try {
            ServiceJvm.startTracked(jvm);
            long running = jvm.awaitRunning(Duration.ofMinutes(2));
            double cpu0 = ProcStat.cpuSeconds(jvm.pid());
            Progress.Result result = progress.follow(running, 250, timeout, jvm::checkAlive);
            double cpu = ProcStat.cpuSeconds(jvm.pid()) - cpu0;
            return new Result(result.recordsPerSec(), result.steadyRecordsPerSec(), cpu / result.records() * 1e6);
        } finally {
            ServiceJvm.stopTracked(jvm);
        }
    }

    /**
     * The class path and main class: the harness's own class path, or, when the harness runs from its
     * Spring Boot jar (whose nested jars only its launcher can read), that launcher with StreamsCopy as main.
     */
    private static List<String> launch() {
        String classPath = System.getProperty("java.class.path");
        if (StreamsCopy.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader")) {
            return List.of("-cp", classPath, "-Dloader.main=" + StreamsCopy.class.getName(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher");
        }
        return List.of("-cp", classPath, StreamsCopy.class.getName());
    }

    /** Waits until the application prints that it is RUNNING; returns the {@link System#nanoTime()} it was seen. */
    private long awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            checkAlive();
            try {
                if (Files.exists(log()) && Files.readString(log()).contains(StreamsCopy.RUNNING)) {
                    return System.nanoTime();
                }
            } catch (IOException e) {
                // not written yet
            }
            sleep(50);
        }
        throw new IllegalStateException(name() + " not RUNNING within " + timeout + "; see " + log() + ":\n" + tail(40));
    }
}
