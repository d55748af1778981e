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
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** Reading alerts out of alerts-store in the API's one order: newest timestamp first, then alertId ascending. */
final class AlertViews {

    static final Comparator<FraudAlert> NEWEST_FIRST = Comparator.comparing(FraudAlert::timestamp).reversed()
            .thenComparing(FraudAlert::alertId);

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
     * The {@code limit} newest alerts of this store, newest first. The store orders entries by key within a
     * time segment, not by time across users, so every entry is visited; only {@code limit} are held.
     */
    static List<FraudAlert> mostRecent(ReadOnlyWindowStore<String, AlertsAt> store, int limit) {
        PriorityQueue<FraudAlert> newest = new PriorityQueue<>(limit + 1, NEWEST_FIRST.reversed());
        try (KeyValueIterator<Windowed<String>, AlertsAt> it = store.fetchAll(Instant.EPOCH, WindowStores.END_OF_TIME)) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, AlertsAt> entry = it.next();
                for (FraudAlert alert : entry.value.alerts()) {
                    newest.add(alert);
                    if (newest.size() > limit) {
                        newest.poll();
                    }
                }
            }
        }
        return merge(new ArrayList<>(newest), limit);
    }

    /** The first {@code limit} of {@code alerts} in the API order. */
    static List<FraudAlert> merge(List<FraudAlert> alerts, int limit) {
        return alerts.stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }
}
