package dev.streamsuite.runtime.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Who holds which partition of a store, as the plan of a gathered list: each partition from its active copy, the
 * partitions without one from a standby, and a 503 when a partition has neither (never a list without it).
 *
 * @param partitionsByActive the partitions each instance holds the active copy of, ascending
 * @param standbys           the instances with a standby copy, by partition
 * @param withoutActive      the partitions only standbys hold
 */
record PartitionCopies(Map<HostInfo, List<Integer>> partitionsByActive, Map<Integer, List<HostInfo>> standbys,
                       List<Integer> withoutActive) {

    /**
     * The plan for {@code partitions} partitions, from the metadata's copies. The count comes from the caller, not from
     * the metadata: partitions missing from it at the end would otherwise be left out of the list unnoticed.
     */
    static PartitionCopies plan(String store, int partitions, Map<Integer, HostInfo> active,
                                Map<Integer, List<HostInfo>> standbys, int retryAfterSeconds) {
        if (partitions == 0) {
            // nothing named at all: this instance has had no assignment yet (and so knows no other instance)
            throw ApiException.unavailable("no instance hosts " + store + " right now (starting or rebalancing; this instance "
                    + "knows the others only from its first assignment)", retryAfterSeconds);
        }
        Map<HostInfo, List<Integer>> byActive = new LinkedHashMap<>();
        List<Integer> withoutActive = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            HostInfo host = active.get(p);
            if (host != null) {
                byActive.computeIfAbsent(host, h -> new ArrayList<>()).add(p);
            } else if (standbys.containsKey(p)) {
                withoutActive.add(p);
            } else {
                throw ApiException.unavailable("partition " + p + " of " + store + " is not assigned right now (rebalancing)",
                        retryAfterSeconds);
            }
        }
        return new PartitionCopies(byActive, standbys, withoutActive);
    }

    /** How many partitions the metadata's copies show at least: one more than the highest partition named. */
    static int partitionsNamed(Map<Integer, HostInfo> active, Map<Integer, List<HostInfo>> standbys) {
        return Stream.concat(active.keySet().stream(), standbys.keySet().stream()).mapToInt(p -> p).max().orElse(-1) + 1;
    }
}
