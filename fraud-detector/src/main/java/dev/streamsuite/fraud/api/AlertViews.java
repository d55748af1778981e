package dev.streamsuite.fraud.api;

import dev.streamsuite.fraud.topology.AlertsAt;
import dev.streamsuite.fraud.topology.FraudTopology;
import dev.streamsuite.model.FraudAlert;
import dev.streamsuite.runtime.topology.WindowStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reading alerts out of alerts-store in the API's one order: newest timestamp first, then alertId ascending. */
final class AlertViews {

    static final Comparator<FraudAlert> NEWEST_FIRST = Comparator.comparing(FraudAlert::timestamp).reversed()
            .thenComparing(FraudAlert::alertId);

    private static final long FIRST_SLICE_MS = 1_000;

    private AlertViews() {
    }

    /** Every retained alert of one user, newest first. */
    static List<FraudAlert> ofUser(ReadOnlyWindowStore<String, AlertsAt> store, String userId) {
        List<FraudAlert> result = new ArrayList<>();
        try (WindowStoreIterator<AlertsAt> it = store.backwardFetch(userId, Instant.EPOCH, WindowStores.END_OF_TIME)) {
            it.forEachRemaining(kv -> result.addAll(kv.value.alerts()));
        }
        result.sort(NEWEST_FIRST);
        return result;
    }

    /**
     * The {@code limit} newest alerts of this store, newest first. A window store orders entries by key within a time
     * segment, not by time across users, so it is read in time slices going back from {@code anchor} (the first slice
     * takes everything from 1 s before it on, each next one twice as long as the one before): once the slices read
     * hold {@code limit} alerts, no older slice can hold a newer one, and the rest of the store is not visited. With
     * the wall clock as anchor that is O(limit) for live data (measured: README of fraud-detector); data far in the
     * past is found by the doubling slices in a few dozen reads at most. Only {@code limit} alerts are held.
     */
    static List<FraudAlert> mostRecent(ReadOnlyWindowStore<String, AlertsAt> store, int limit, Instant anchor) {
        PriorityQueue<FraudAlert> newest = new PriorityQueue<>(limit + 1, NEWEST_FIRST.reversed());
        long seen = 0;
        long anchorMs = anchor.toEpochMilli();
        long to = WindowStores.END_OF_TIME.toEpochMilli();
        for (long span = FIRST_SLICE_MS; ; span = Math.min(span * 2, Long.MAX_VALUE / 4)) {
            long from = Math.max(0, anchorMs - span);
            if (from <= to) {
                try (KeyValueIterator<Windowed<String>, AlertsAt> it = store.fetchAll(Instant.ofEpochMilli(from),
                        Instant.ofEpochMilli(to))) {
                    while (it.hasNext()) {
                        for (FraudAlert alert : it.next().value.alerts()) {
                            seen++;
                            newest.add(alert);
                            if (newest.size() > limit) {
                                newest.poll();
                            }
                        }
                    }
                }
                to = from - 1;
            }
            if (seen >= limit || from == 0) {
                return merge(new ArrayList<>(newest), limit);
            }
        }
    }

    /** The first {@code limit} of {@code alerts} in the API order. */
    static List<FraudAlert> merge(List<FraudAlert> alerts, int limit) {
        return alerts.stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }
}
