package dev.streamsuite.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * async-profiler (Maven Central's {@code tools.profiler:async-profiler}, its native agent loaded into the
 * service JVM with {@code jcmd JVMTI.agent_load}), {@code --profile DIR}: CPU samples every millisecond with
 * native frames, which JFR does not see; a service spends much of its stream thread's time in RocksDB's native
 * code. Writes DIR/&lt;name&gt;.html (a flame graph) and DIR/&lt;name&gt;.collapsed (one line per stack, by
 * thread) and logs the stream threads' breakdown ({@link CollapsedStacks}).
 */
record AsyncProfiler(Path dir) implements Recorder {

    @Override
    public void start(long pid) {
        try {
            install();
            load(pid, "start,event=cpu,interval=1ms,threads");
        } catch (RuntimeException e) {
            // a profile is optional: the run goes on without one
            Bench.log("no CPU profile: %s", e.getMessage());
        }
    }

    @Override
    public void stop(long pid, String name, boolean streamWork) {
        Path html = dir.resolve(name + ".html").toAbsolutePath();
        Path collapsed = dir.resolve(name + ".collapsed").toAbsolutePath();
        try {
            boolean dumped = load(pid, "dump,file=" + html);
            // stopped in any case: a profiler left running would slow the rest of the run
            if (load(pid, "stop,collapsed,file=" + collapsed) && dumped) {
                Bench.log("CPU profile: %s, %s", html, collapsed);
                if (streamWork) {
                    CollapsedStacks.read(collapsed).streamThreads().report().forEach(line -> Bench.log("  %s", line));
                }
            }
        } catch (IOException | RuntimeException e) {
            Bench.log("CPU profile %s: %s", name, e);
        }
    }

    private boolean load(long pid, String command) {
        // quoted: jcmd would otherwise read the command's '=' as its own name=value arguments, and a path's spaces
        return Jcmd.run(pid, "JVMTI.agent_load", "\"" + library() + "\"", "\"" + command + "\"");
    }

    private Path library() {
        return dir.resolve("libasyncProfiler.so").toAbsolutePath();
    }

    /** Copies the agent for this machine out of the jar into DIR at each start (one an older harness left there may differ). */
    private void install() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String platform = !System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux") ? null
                : arch.equals("amd64") || arch.equals("x86_64") ? "linux-x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "linux-arm64" : null;
        if (platform == null) {
            throw new IllegalStateException("--profile needs Linux on x64 or arm64 (this is " + System.getProperty("os.name")
                    + " " + arch + "); use --jfr");
        }
        try (InputStream in = AsyncProfiler.class.getResourceAsStream("/" + platform + "/libasyncProfiler.so")) {
            if (in == null) {
                throw new IllegalStateException(platform + "/libasyncProfiler.so is not on the class path");
            }
            Files.createDirectories(dir);
            Files.copy(in, library(), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
