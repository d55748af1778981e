package dev.streamsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories (brokers' logs, services' state) removed when the test JVM exits. Brokers and services
 * run as child processes that reopen their directory across restarts, so a directory must outlive any one of
 * them; {@code @TempDir} ends with a test class, which the shared broker outlives. A crashed test JVM leaves them.
 */
public final class TempDirs {

    private static final List<Path> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempDirs::deleteAll, "temp-dirs-cleanup"));
    }

    private TempDirs() {
    }

    /** A new directory under {@code java.io.tmpdir}, named {@code <prefix><random>}. */
    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            synchronized (CREATED) {
                CREATED.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the tree; what cannot be deleted (a child process still writing) is left. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a file vanished while walking (a child process still exiting): nothing left to do for it
        }
    }

    private static void deleteAll() {
        synchronized (CREATED) {
            CREATED.forEach(TempDirs::delete);
        }
    }
}
