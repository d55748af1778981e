package dev.streamsuite.purchases.topology;

import dev.streamsuite.model.PurchaseSummary;
import dev.streamsuite.runtime.topology.WindowStores;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * What the HTTP API reads of one partition's stores: the summaries whose retention has not passed at that
 * partition's stream time, i.e. {@code windowEnd + retention > stream time}. The window store alone is not
 * exact: it drops old windows lazily, by whole segments, so a summary would stay visible for a while longer.
 */
public final class SummaryReader {

    private final ReadOnlyWindowStore<String, WindowTotals> windows;
    private final long sizeMs;
    /** The first window start still visible: those before it ended at least the retention ago. */
    private final Instant firstVisibleStart;

    public SummaryReader(ReadOnlyWindowStore<String, WindowTotals> windows, ReadOnlyKeyValueStore<String, Long> emitState,
                         long sizeMs, long retentionMs) {
        this.windows = windows;
        this.sizeMs = sizeMs;
        Long streamTime = emitState.get(WindowAggregator.STREAM_TIME);
        // no stream time stored (nothing aggregated yet, or an earlier version's state): the store decides alone
        this.firstVisibleStart = streamTime == null ? Instant.EPOCH
                : Instant.ofEpochMilli(Math.max(0, streamTime - retentionMs - sizeMs + 1));
    }

    /** The user's summaries with {@code windowStart} in {@code [from, to]} (null: unbounded), ascending. */
    public List<PurchaseSummary> user(String userId, Instant from, Instant to) {
        List<PurchaseSummary> result = new ArrayList<>();
        // window starts are whole milliseconds: a from with digits below them starts at the next one (to is cut)
        Instant first = from == null ? firstVisibleStart : from.truncatedTo(ChronoUnit.MILLIS);
        if (from != null && first.isBefore(from)) {
            first = first.plusMillis(1);
        }
        if (first.isBefore(firstVisibleStart)) {
            first = firstVisibleStart;
        }
        if (to != null && to.isBefore(first)) {
            // an empty range; the cached store's fetch would fail on one that ends in an earlier cache segment
            return result;
        }
        try (WindowStoreIterator<WindowTotals> it = windows.fetch(userId, first, to == null ? WindowStores.END_OF_TIME : to)) {
            it.forEachRemaining(kv -> result.add(summary(userId, kv)));
        }
        return result;
    }

    /** The user's summary with the greatest {@code windowStart}, if any is visible. */
    public Optional<PurchaseSummary> latest(String userId) {
        try (WindowStoreIterator<WindowTotals> newestFirst = windows.backwardFetch(userId, firstVisibleStart, WindowStores.END_OF_TIME)) {
            return newestFirst.hasNext() ? Optional.of(summary(userId, newestFirst.next())) : Optional.empty();
        }
    }

    /** Every user's summary of the window starting at {@code start}, unordered. */
    public List<PurchaseSummary> window(Instant start) {
        List<PurchaseSummary> result = new ArrayList<>();
        if (start.isBefore(firstVisibleStart)) {
            return result;
        }
        try (KeyValueIterator<Windowed<String>, WindowTotals> it = windows.fetchAll(start, start)) {
            it.forEachRemaining(kv -> result.add(kv.value.summary(kv.key.key(), kv.key.window().start(), sizeMs)));
        }
        return result;
    }

    /** The store holds figures only; user and window come from the key and the window's start. */
    private PurchaseSummary summary(String userId, KeyValue<Long, WindowTotals> window) {
        return window.value.summary(userId, window.key, sizeMs);
    }
}
