package dev.streamsuite.runtime.topology;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time a Kafka Streams RocksDB store judges expiry by (its private {@code observedStreamTime}: the newest time
 * written to it), kept across a clean restart. The stores start every run without it, so after a graceful restart
 * (which restores nothing) they answered what their retention had already expired until the next write. It is
 * written to {@code <store>.observed-time} in the task directory on close and set again on open; after a crash the
 * task directory is wiped with the file and the store is restored from its changelog, which sets the time. If the
 * field changes in a Kafka Streams version, one WARN line says so and the store works as Kafka Streams' own.
 */
final class StoreClock {

    private static final Logger log = LoggerFactory.getLogger(StoreClock.class);
    private static final String FIELD = "observedStreamTime";

    private final File file;
    private final String store;

    StoreClock(File taskDirectory, String store) {
        this.file = new File(taskDirectory, store + ".observed-time");
        this.store = store;
    }

    /** Sets the time kept by the last clean close, if later than what the store has. */
    void restore(Object rocks) {
        if (!file.exists()) {
            return;
        }
        try {
            long kept = Long.parseLong(Files.readString(file.toPath(), StandardCharsets.UTF_8).trim());
            Field field = KafkaInternals.field(rocks, FIELD);
            if (kept > field.getLong(rocks)) {
                field.setLong(rocks, kept);
            }
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot set the observed stream time of {} again ({}): entries past its retention are answered "
                    + "until its next write", store, e.toString());
        }
    }

    /** Writes the store's time, after the store is closed. */
    void keep(Object rocks) {
        try {
            long observed = KafkaInternals.field(rocks, FIELD).getLong(rocks);
            if (observed < 0) {
                return;
            }
            File written = new File(file.getPath() + ".tmp");
            Files.writeString(written.toPath(), Long.toString(observed), StandardCharsets.UTF_8);
            Files.move(written.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot keep the observed stream time of {} ({})", store, e.toString());
        }
    }
}
