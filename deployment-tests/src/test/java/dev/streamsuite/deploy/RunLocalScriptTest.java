package dev.streamsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code run-local.sh} refuses bad options before it builds or starts anything (a bad {@code --rate} used to
 * start the suite and print demo ids that never came, a black-box check found).
 */
class RunLocalScriptTest {

    private record Run(int exit, String output) {
    }

    private static Run runLocal(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", Repo.path("run-local.sh").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("run-local.sh %s still running", List.of(args)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryOption() throws Exception {
        Run run = runLocal("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("--clean", "--no-demo", "--rate N", "--kafka-port N", "--ports A,B,C",
                "--dashboard-port N", "--data DIR", "--build");
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingStartsWithWhatIsWrong() throws Exception {
        for (String rate : List.of("abc", "0", "0.0", "-1", "1e3")) {
            Run run = runLocal("--rate", rate);
            assertThat(run.exit()).as("--rate %s", rate).isEqualTo(1);
            assertThat(run.output()).isEqualTo("--rate takes a number of events per second above 0; got --rate " + rate + "\n");
        }
        Run ports = runLocal("--ports", "8081,8082");
        assertThat(ports.exit()).isEqualTo(1);
        assertThat(ports.output()).isEqualTo("--ports takes three ports A,B,C (each from 1 to 65535); got --ports 8081,8082\n");
        Run kafkaPort = runLocal("--kafka-port", "65535");
        assertThat(kafkaPort.exit()).isEqualTo(1);
        assertThat(kafkaPort.output()).startsWith("--kafka-port takes a port from 1 to 65534 (the controller uses the next one)");
        // the broker's controller takes the port after the broker's
        Run clash = runLocal("--kafka-port", "8382", "--ports", "8381,8383,8384");
        assertThat(clash.exit()).isEqualTo(1);
        assertThat(clash.output()).isEqualTo("The ports must all differ: Kafka 8382 and its controller 8383, services"
                + " 8381,8383,8384, dashboard 8080\n");
        Run noData = runLocal("--data", "");
        assertThat(noData.exit()).isEqualTo(2);
        assertThat(noData.output()).startsWith("--data needs a value\nUsage: ./run-local.sh [options]");
        Run unknown = runLocal("--bogus");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).startsWith("unknown option: --bogus\nUsage: ./run-local.sh [options]");
    }
}
