package dev.streamsuite.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Temporary directories (brokers' logs, services' state, child JVMs' {@code java.io.tmpdir}) removed when the JVM
 * that made them exits: a test JVM, or the benchmark harness, whose service JVMs are child JVMs too. Brokers and
 * services run as child processes that reopen their directory across restarts, so a directory must outlive any one
 * of them; {@code @TempDir} ends with a test class, which the shared broker outlives. A crashed JVM leaves them.
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

    /** Deletes the tree; what cannot be deleted (a child process still writing) is left, the rest goes. */
    public static void delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    file.toFile().delete();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // vanished while walking (a child process still exiting): nothing left to do for it
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e) {
                    directory.toFile().delete();
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // not reached: every failure is skipped above
        }
    }

    private static void deleteAll() {
        synchronized (CREATED) {
            CREATED.forEach(TempDirs::delete);
        }
    }
}
