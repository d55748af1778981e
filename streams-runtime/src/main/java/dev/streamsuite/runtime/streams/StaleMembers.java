package dev.streamsuite.runtime.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
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
 * thread's producer, which has the same transactional id.
 */
final class StaleMembers {

    private static final Logger log = LoggerFactory.getLogger(StaleMembers.class);

    private StaleMembers() {
    }

    /** Whether the group has members and all of them are consumers of this instance, which has not started yet. */
    static boolean allOwn(Collection<String> memberClientIds, Set<String> ownClientIds) {
        return !memberClientIds.isEmpty() && ownClientIds.containsAll(memberClientIds);
    }

    /** Removes the members of {@code groupId} if {@link #allOwn}; never fails (a restart then waits as before). */
    static void removeIfAllOwn(Map<String, Object> adminConfig, String groupId, Set<String> ownClientIds, Duration timeout) {
        try (Admin admin = Admin.create(adminConfig)) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> members = group.members().stream().map(MemberDescription::clientId).toList();
            if (!allOwn(members, ownClientIds)) {
                return;
            }
            admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions()).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Removed {} member(s) of group {} that this instance left when it was killed ({}); it takes its tasks "
                    + "at once instead of after session.timeout.ms", members.size(), groupId, members);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) { // not there before the first start
                couldNot(groupId, e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            couldNot(groupId, e);
        }
    }

    /** A broker too old, a missing ACL, no answer in time: the restart then waits for the session timeout. */
    private static void couldNot(String groupId, Throwable e) {
        log.info("Could not check group {} for members this instance left behind: {}", groupId, e.toString());
    }
}
