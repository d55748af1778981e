package dev.streamsuite.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code jcmd} of the harness's own JDK against a service JVM; a failure is logged, not thrown (a recording is optional). */
final class Jcmd {

    private Jcmd() {
    }

    static boolean run(long pid, String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> cmd = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        Path output = null;
        try {
            // to a file, not a pipe read before waiting: a jcmd that hangs on its target must not hang the harness
            output = Files.createTempFile("bench-jcmd", ".out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                Bench.log("jcmd %s gave no answer within 60 s", String.join(" ", command));
                return false;
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            // jcmd exits 0 also when the command itself failed; JVMTI.agent_load then prints a non-zero return code
            if (p.exitValue() != 0 || (out.contains("return code:") && !out.contains("return code: 0"))) {
                Bench.log("jcmd %s failed: %s", String.join(" ", command), out.trim());
                return false;
            }
            return true;
        } catch (IOException e) {
            Bench.log("jcmd failed: %s", e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left behind
                }
            }
        }
    }
}
