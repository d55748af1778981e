package dev.streamsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TempDirsTest {

    @Test
    void deleteRemovesTheWholeTree() throws Exception {
        Path dir = TempDirs.create("temp-dirs-test-");
        Files.writeString(Files.createDirectories(dir.resolve("a/b")).resolve("f"), "x");
        TempDirs.delete(dir);
        assertThat(dir).doesNotExist();
    }

    @Test
    void directoriesAreGoneWhenTheJvmThatMadeThemExits() throws Exception {
        Path out = Files.createTempFile("temp-dirs-test-", ".path");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MakesADirectory.class.getName(), out.toString())
                .inheritIO().start();
        try {
            assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            jvm.destroyForcibly();
        }
        assertThat(jvm.exitValue()).isZero();
        List<String> made = Files.readAllLines(out);
        Files.delete(out);
        assertThat(made).hasSize(1);
        assertThat(Path.of(made.get(0))).doesNotExist();
        assertThat(Path.of(made.get(0)).getParent()).isDirectory();
    }

    /** Makes a directory with a file in it, records its path and exits. */
    public static final class MakesADirectory {
        public static void main(String[] args) throws Exception {
            Path dir = TempDirs.create("temp-dirs-test-");
            Files.writeString(Files.createDirectories(dir.resolve("state")).resolve("file"), "x");
            Files.writeString(Path.of(args[0]), dir.toString());
        }
    }
}
