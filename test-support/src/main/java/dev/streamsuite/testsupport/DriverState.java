package dev.streamsuite.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Task state of a TopologyTestDriver kept across a close, as a restarted service finds it on disk. */
public final class DriverState {

    private DriverState() {
    }

    /**
     * Makes the task state of a driver on {@code stateDir} live in {@code kept}. TopologyTestDriver deletes its
     * task directory (0_0) and app directory on close; a link in their place keeps the state on disk for the
     * next driver. Needed again after every close.
     */
    public static void keep(Path stateDir, String applicationId, Path kept) throws IOException {
        Path taskDir = stateDir.resolve(applicationId).resolve("0_0");
        Files.createDirectories(taskDir.getParent());
        Files.createSymbolicLink(taskDir, kept);
    }
}
