package dev.streamsuite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Java Flight Recorder (settings=profile), {@code --jfr DIR}: DIR/&lt;name&gt;.jfr. It samples Java frames only. */
record Jfr(Path dir) implements Recorder {

    private static final String RECORDING = "bench";

    @Override
    public void start(long pid) {
        Jcmd.run(pid, "JFR.start", "name=" + RECORDING, "settings=profile");
    }

    @Override
    public void stop(long pid, String name, boolean streamWork) {
        Path file = dir.resolve(name + ".jfr").toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Jcmd.run(pid, "JFR.stop", "name=" + RECORDING, "filename=" + file)) {
            Bench.log("JFR recording: %s", file);
        }
    }
}
