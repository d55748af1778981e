package dev.streamsuite.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.testsupport.Ports;
import dev.streamsuite.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without a broker the service stops soon with a short, actionable message instead of hanging or a stack trace. */
class StartupFailureIT {

    @Test
    void anUnreachableBrokerFailsStartUpWithAClearMessage() throws Exception {
        ServiceProcess service = ServiceProcess.of("purchase-aggregator", "127.0.0.1:" + Ports.free(),
                "--suite.topics.broker-timeout=PT3S");
        service.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (service.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(service.isAlive()).as("still running:\n%s", service.tail(20)).isFalse();
        String log = Files.readString(service.log());
        assertThat(log).contains("APPLICATION FAILED TO START").contains("unreachable for PT3S")
                .contains("--spring.kafka.bootstrap-servers");
        assertThat(log).doesNotContain("\tat org.springframework");
    }
}
