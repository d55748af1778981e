package dev.streamsuite.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.KafkaClients;
import dev.streamsuite.testsupport.TempDirs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against a real broker: an instance whose consumer was left in the group as by a SIGKILL (closed without leaving)
 * and that restarts on its state directory takes its tasks at once when it ran alone ({@link StaleMembers}), and
 * removes nobody when another instance is in the group.
 */
@ExtendWith(KafkaBroker.class)
class RestartAfterKillIT {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MEDIUM_SESSION = Duration.ofSeconds(20);

    @Test
    void anInstanceThatRanAloneTakesItsTasksAtOnceAfterItsRestart() throws Exception {
        String app = "restart-after-kill-it";
        Path stateDir = TempDirs.create(app + "-");
        StreamsRunner first = start(app, stateDir, SESSION_TIMEOUT);
        KafkaClients.send(KafkaBroker.bootstrapServers(), app + "-in", List.of(Map.entry("k", "a"), Map.entry("k", "b")));
        assertThat(CountingApp.counts(app, 2, Duration.ofSeconds(60))).containsExactly("1", "2");
        leaveAsIfKilled(first);
        assertThat(members(app)).as("the killed instance's consumer is still a member").hasSize(1);

        StreamsRunner restarted = start(app, stateDir, SESSION_TIMEOUT);
        try {
            KafkaClients.send(KafkaBroker.bootstrapServers(), app + "-in", List.of(Map.entry("k", "c")));
            // well within the session timeout: without the removal the restart's rebalance waits for the dead member
            assertThat(CountingApp.counts(app, 3, SESSION_TIMEOUT.minusSeconds(20))).containsExactly("1", "2", "3");
        } finally {
            restarted.stop();
        }
    }

    @Test
    void nobodyIsRemovedWhenAnotherInstanceIsInTheGroup() throws Exception {
        String app = "restart-beside-other-it";
        Path stateDir = TempDirs.create(app + "-");
        // long enough for the dead member to outlast the restart's check (about a second after the kill), short enough
        // for the instances to close soon while their rebalance waits for it
        StreamsRunner other = start(app, TempDirs.create(app + "-other-"), MEDIUM_SESSION);
        StreamsRunner first = start(app, stateDir, MEDIUM_SESSION);
        try {
            awaitMembers(app, 2);
            leaveAsIfKilled(first);
            List<String> before = members(app).stream().map(MemberDescription::consumerId).toList();
            assertThat(before).hasSize(2);

            StreamsRunner restarted = start(app, stateDir, MEDIUM_SESSION);
            try {
                // the check ran before Kafka Streams started: both earlier members are still there, the other's too
                assertThat(members(app).stream().map(MemberDescription::consumerId)).containsAll(before);
            } finally {
                restarted.stop();
            }
        } finally {
            other.stop();
        }
    }

    /** Closes Kafka Streams staying in the group, as a SIGKILLed instance's consumers stay until their session ends. */
    private static void leaveAsIfKilled(StreamsRunner runner) {
        runner.streams().orElseThrow().close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
    }

    private static List<MemberDescription> members(String app) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            return List.copyOf(admin.describeConsumerGroups(List.of(app)).describedGroups().get(app).get().members());
        }
    }

    private static void awaitMembers(String app, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (members(app).size() != count && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(members(app)).hasSize(count);
    }

    private static StreamsRunner start(String app, Path stateDir, Duration sessionTimeout) {
        return CountingApp.start(app, CountingApp.topology(app, value -> { }), CountingApp.config(app, stateDir, sessionTimeout),
                new StreamsState(), new SimpleMeterRegistry());
    }
}
