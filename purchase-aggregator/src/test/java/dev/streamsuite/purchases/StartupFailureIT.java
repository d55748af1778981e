package dev.streamsuite.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.Ports;
import dev.streamsuite.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without a broker, with a setting out of range, or without its topics when it may not create them, the service stops soon with a short, actionable message
 * instead of hanging, running wrongly or printing a stack trace.
 */
class StartupFailureIT {

    @Test
    void anUnreachableBrokerFailsStartUpWithAClearMessage() throws Exception {
        String log = failedStartUp("--suite.topics.broker-timeout=PT3S");
        assertThat(log).contains("unreachable for PT3S").contains("--spring.kafka.bootstrap-servers")
                .contains("not reachable yet; waiting up to PT3S");
    }

    @Test
    void aSigtermWhileWaitingForTheBrokerStopsTheServiceSoon() throws Exception {
        ServiceProcess service = ServiceProcess.of("purchase-aggregator", "127.0.0.1:" + Ports.free(),
                "--suite.topics.broker-timeout=PT2M");
        service.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(service.log()).contains("not reachable yet") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(Files.readString(service.log())).contains("not reachable yet; waiting up to PT2M");
        long stopAt = System.nanoTime();
        service.signal("TERM");
        while (service.isAlive() && System.nanoTime() - stopAt < TimeUnit.SECONDS.toNanos(30)) {
            Thread.sleep(100);
        }
        // Spring's shutdown hook alone would wait for the start-up, i.e. the whole broker timeout
        assertThat(service.isAlive()).as("still running 30 s after SIGTERM:\n%s", service.tail(20)).isFalse();
        assertThat(Files.readString(service.log())).contains("Asked to stop while waiting for the Kafka broker")
                .doesNotContain("\tat org.springframework");
    }

    @Test
    void aNegativeMaxFutureSkewFailsStartUp() throws Exception {
        // it would make every current record bad input
        String log = failedStartUp("--suite.max-future-skew=-PT1M", "--suite.query.forward-timeout=PT0S");
        assertThat(log).contains("\"suite.max-future-skew\" from property source \"commandLineArgs\"")
                .contains("must be longer than or equal to 0")
                .contains("Property: suite.query.forwardTimeout").contains("must be longer than or equal to 1 milli");
    }

    @Test
    void aWindowSizeOfZeroFailsStartUpNamingTheProperty() throws Exception {
        String log = failedStartUp("--purchases.window-size=PT0S");
        assertThat(log).contains("\"purchases.window-size\" from property source \"commandLineArgs\"")
                .contains("must be longer than or equal to 1 milli");
    }

    @Test
    void aMalformedApplicationServerOrABlankApplicationIdFailsStartUpNamingTheProperty() throws Exception {
        assertThat(failedStartUp("--suite.application-server=nohostport"))
                .contains("\"suite.application-server\" from property source \"commandLineArgs\"")
                .contains("must be host:port");
        // Kafka's own check comes later, in the consumer, after topics named from the id were created
        assertThat(failedStartUp("--spring.kafka.streams.application-id= "))
                .contains("A setting is refused").contains("application.id")
                .contains("spring.kafka.streams.application-id");
    }

    @Test
    void missingTopicsFailStartUpWhenTheServiceMayNotCreateThem() throws Exception {
        // a broker without the service's topics: Kafka Streams alone would go to ERROR on the missing input
        KafkaBroker.Own broker = KafkaBroker.startOwn("kafka-startup-it");
        try {
            String log = failedStartUpAt(broker.bootstrapServers(), "--suite.topics.create=false");
            assertThat(log).contains("topics [purchases, purchases.dlq, purchase-summaries, purchase-summaries-final,"
                    + " purchases-late] do not exist, and suite.topics.create is false")
                    .contains("or set suite.topics.create=true");
        } finally {
            broker.jvm().stop();
        }
    }

    /** Starts the service without a broker, waits for it to exit and returns its log. */
    private static String failedStartUp(String... args) throws Exception {
        return failedStartUpAt("127.0.0.1:" + Ports.free(), args);
    }

    /** Starts the service against {@code bootstrap}, waits for it to exit and returns its log. */
    private static String failedStartUpAt(String bootstrap, String... args) throws Exception {
        ServiceProcess service = ServiceProcess.of("purchase-aggregator", bootstrap, args);
        service.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (service.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(service.isAlive()).as("still running:\n%s", service.tail(20)).isFalse();
        String log = Files.readString(service.log());
        assertThat(log).contains("APPLICATION FAILED TO START").doesNotContain("\tat org.springframework");
        return log;
    }
}
