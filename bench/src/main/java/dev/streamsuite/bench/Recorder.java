package dev.streamsuite.bench;

import java.nio.file.Path;

/**
 * Records what a service JVM does during part of a run (the throughput run, the forwarded lookups), started
 * and stopped from outside so that the JVM's start-up is not in it. A profiled run is slowed by its recording:
 * its figures are for finding costs, not for the README.
 */
sealed interface Recorder permits Jfr, AsyncProfiler {

    /** From {@code --jfr DIR} or {@code --profile DIR}; null when neither was given. */
    static Recorder of(Path jfr, Path profile) {
        if (jfr != null && profile != null) {
            throw new IllegalArgumentException("--jfr and --profile cannot be combined");
        }
        return jfr != null ? new Jfr(jfr) : profile != null ? new AsyncProfiler(profile) : null;
    }

    Path dir();

    void start(long pid);

    /**
     * Stops the recording started in {@code pid} and writes it to {@link #dir()} under {@code name}; {@code streamWork}:
     * the stream threads did the work recorded (a throughput run, not the forwarded lookups), so their breakdown means something.
     */
    void stop(long pid, String name, boolean streamWork);
}
