package dev.streamsuite.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // jcmd exits 0 also when the command itself failed; JVMTI.agent_load then prints a non-zero return code
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0
                    || (out.contains("return code:") && !out.contains("return code: 0"))) {
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
        }
    }
}
