package dev.streamsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM started by a test, with its output in a log file; stoppable with SIGTERM or SIGKILL. */
public class ChildJvm implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    public ChildJvm(String name, List<String> jvmArgsAndMain, Path log) {
        this.name = name;
        this.log = log;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a temporary directory of its own, removed when this JVM exits: a SIGKILLed child leaves what it put there
        // (RocksDB's extracted library, 14 MB; Tomcat's directories). Kept by a restart with the same arguments
        if (jvmArgsAndMain.stream().noneMatch(arg -> arg.startsWith("-Djava.io.tmpdir="))) {
            cmd.add("-Djava.io.tmpdir=" + TempDirs.create(name.replaceAll("[^A-Za-z0-9-]", "-") + "-tmp-"));
        }
        cmd.addAll(jvmArgsAndMain);
        this.command = List.copyOf(cmd);
    }

    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The process id; the JVM must have been started. */
    public long pid() {
        return process.pid();
    }

    /** Sends a signal by name ({@code STOP} freezes the whole JVM as a frozen host would, {@code CONT} resumes it). */
    public void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid() + " exited with " + exit);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Throws with the exit code and the log's last lines if the JVM is no longer running. */
    public void checkAlive() {
        if (process != null && !process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log + ":\n"
                    + tail(40));
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, no commit, no leaving the group. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            await(30);
        }
    }

    /** SIGTERM, then SIGKILL if it does not end in time. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!await(60)) {
                process.destroyForcibly();
                await(30);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops each in turn, skipping those a failed set-up never created. */
    public static void stopAll(ChildJvm... jvms) {
        for (ChildJvm jvm : jvms) {
            if (jvm != null) {
                jvm.stop();
            }
        }
    }

    /** The command line: the java executable, then the JVM arguments and main. */
    protected List<String> command() {
        return command;
    }

    public Path log() {
        return log;
    }

    public String name() {
        return name;
    }

    /** The last lines of the log, for assertion messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private boolean await(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Thread.sleep for polling loops: an interrupt ends the wait and is kept. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
