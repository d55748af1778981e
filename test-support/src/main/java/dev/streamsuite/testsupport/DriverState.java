package dev.streamsuite.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Task state of a TopologyTestDriver kept across a close, as a restarted service finds it on disk. The driver
 * deletes its task directory (0_0) and app directory on close; a link in their place, made again before each
 * driver is opened, keeps the state in {@code kept}.
 *
 * @param run the state directory to open the drivers on
 */
public record DriverState(Path run, Path kept, String applicationId) {

    /** State kept under {@code base}, for drivers with that application id. */
    public static DriverState under(Path base, String applicationId) throws IOException {
        return new DriverState(base.resolve("run"), Files.createDirectories(base.resolve("kept")), applicationId);
    }

    /** Links the task directory to the kept state; returns the state directory to open the next driver on. */
    public Path keep() throws IOException {
        Path taskDir = run.resolve(applicationId).resolve("0_0");
        Files.createDirectories(taskDir.getParent());
        Files.createSymbolicLink(taskDir, kept);
        return run;
    }
}
