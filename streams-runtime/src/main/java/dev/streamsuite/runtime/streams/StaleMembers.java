package dev.streamsuite.runtime.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Members of the application's consumer group that this very instance left behind when it was killed (SIGKILL, an OOM
 * kill, a crashed host): a killed consumer stays a member until {@code session.timeout.ms} (45 s by default) has passed,
 * and the restart's first rebalance waits for it, with nothing processed and every query a 503. Kafka Streams keeps its
 * process id in the state directory, so the restarted consumers have the client ids of the dead ones. When every member
 * of the group has one of those (this instance ran alone), they are removed before Kafka Streams starts, and the
 * restart takes its tasks at once; with any other member the group is left alone (it gives the dead member's tasks to
 * the others, which answer meanwhile). Under exactly-once the dead thread's open transaction is fenced by the restarted
 * thread's producer, which has the same transactional id, or aborted by the broker after {@code transaction.timeout.ms}.
 * A state directory copied to another instance carries the process id along and makes the two look like one (Kafka
 * Streams' transactional ids clash then too): delete {@code kafka-streams-process-metadata} from a copy.
 */
final class StaleMembers {

    private static final Logger log = LoggerFactory.getLogger(StaleMembers.class);

    private StaleMembers() {
    }

    /**
     * Whether the check applies to this configuration: not for a static member (its restart takes its tasks back by its
     * {@code group.instance.id}), nor with a {@code client.id} of the user's (the client ids carry no process id then,
     * and every instance's would look like this one's), nor with {@code group.protocol=streams} (members of its own kind).
     */
    static boolean apply(Properties config) {
        return !StreamsRunner.staticMember(config) && !StreamsRunner.hasClientId(config) && !"streams".equalsIgnoreCase(
                String.valueOf(StreamsRunner.mainConsumerSetting(config, ConsumerConfig.GROUP_PROTOCOL_CONFIG)).trim());
    }

    /** Whether the group has members and all of them are consumers of this instance, which has not started yet. */
    static boolean allOwn(Collection<String> memberClientIds, Set<String> ownClientIds) {
        return !memberClientIds.isEmpty() && ownClientIds.containsAll(memberClientIds);
    }

    /**
     * Removes the members of {@code groupId} if {@link #allOwn}; never fails (a restart then waits as before), and
     * takes at most about {@code timeout} twice.
     */
    static void removeIfAllOwn(Map<String, Object> adminConfig, String groupId, Set<String> ownClientIds, Duration timeout) {
        int ms = (int) timeout.toMillis();
        Admin admin = Admin.create(adminConfig);
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId),
                    new DescribeConsumerGroupsOptions().timeoutMs(ms)).describedGroups().get(groupId).get();
            List<String> members = group.members().stream().map(MemberDescription::clientId).toList();
            if (!allOwn(members, ownClientIds)) {
                return;
            }
            // remove-all, the only way to remove dynamic members: a member that joined since the describe above (a
            // window of milliseconds) would be removed too and rejoin, at the cost of a rebalance, not of data
            RemoveMembersFromConsumerGroupOptions removeAll = new RemoveMembersFromConsumerGroupOptions();
            removeAll.timeoutMs(ms);
            admin.removeMembersFromConsumerGroup(groupId, removeAll).all().get();
            log.info("Removed {} member(s) of group {} that this instance left when it was killed ({}); it takes its tasks "
                    + "at once instead of after session.timeout.ms", members.size(), groupId, members);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while checking group {} for members this instance left behind", groupId);
        } catch (ExecutionException e) {
            // not there before the first start (or not a classic consumer group: group.protocol=streams)
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                log.warn("Could not check group {} for members this instance left behind (the restart waits for their "
                        + "session timeout): {}", groupId, e.getCause().toString());
            }
        } catch (RuntimeException e) {
            log.warn("Could not check group {} for members this instance left behind (the restart waits for their session "
                    + "timeout): {}", groupId, e.toString());
        } finally {
            // a call that timed out would otherwise be waited for up to default.api.timeout.ms
            admin.close(Duration.ofSeconds(1));
        }
    }
}
