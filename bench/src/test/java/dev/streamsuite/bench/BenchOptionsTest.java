package dev.streamsuite.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void keysDefaultToTenThousandUsersAndCustomers() {
        Bench.Config config = Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092", "--quick");

        assertThat(config.users).isEqualTo(10_000);
        assertThat(config.customers).isEqualTo(10_000);
        assertThat(config.records).isEqualTo(1_000_000);
    }

    @Test
    void usersAndCustomersAreOptions() {
        Bench.Config config = Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092", "--users", "100000",
                "--customers", "2500");

        assertThat(config.users).isEqualTo(100_000);
        assertThat(config.customers).isEqualTo(2_500);
    }

    @Test
    void aProfiledRunWritesItsReportBesideTheRecordingsUnlessToldOtherwise() {
        assertThat(Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092").out)
                .isEqualTo(Path.of("bench", "results", "latest.json"));
        assertThat(Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092", "--jfr", "/tmp/jfr").out)
                .isEqualTo(Path.of("/tmp/jfr/report.json"));
        assertThat(Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092", "--out", "x.json", "--jfr", "/tmp/jfr").out)
                .isEqualTo(Path.of("x.json"));
        Bench.Config profiled = Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092", "--profile", "/tmp/prof");
        assertThat(profiled.out).isEqualTo(Path.of("/tmp/prof/report.json"));
        assertThat(profiled.recorder).isEqualTo(new AsyncProfiler(Path.of("/tmp/prof")));
        assertThat(Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092").recorder).isNull();
    }

    @Test
    void oneRecorderAtATime() {
        assertThatThrownBy(() -> Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092", "--jfr", "a", "--profile", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--jfr and --profile cannot be combined");
    }

    @Test
    void thePlainVersionsRunOnlyWhenAskedFor() {
        assertThat(Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092", "--quick").plain).isFalse();
        assertThat(Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092", "--quick", "--plain").plain).isTrue();
    }

    @Test
    void rejectsNoUsers() {
        assertThatThrownBy(() -> Bench.Config.parse("--bootstrap-servers", "127.0.0.1:9092", "--users", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--users and --customers must be at least 1");
    }
}
