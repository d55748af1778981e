package dev.streamsuite.purchases.topology;

import dev.streamsuite.model.Instants;
import dev.streamsuite.model.Purchase;
import dev.streamsuite.model.PurchaseSummary;
import dev.streamsuite.runtime.topology.Input;
import dev.streamsuite.runtime.topology.TopologyEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Tumbling-window aggregation on the partition a purchase is aggregated on, with the contract's
 * lateness and final-result rules decided against that partition's stream time: the highest event time
 * of the records aggregated here, kept in the emit-state store (so it commits with the windows). The task's
 * own stream time would also count keyless records read on this partition but aggregated on another.
 * <ul>
 *   <li>late: {@code windowEnd + grace <= streamTime} → purchases-late, header {@code late.window-start};</li>
 *   <li>otherwise a PURCHASE updates its window and the new summary is emitted;</li>
 *   <li>whenever stream time closes windows, each closed window's summary is emitted once as final. The
 *   highest closed window end follows from the stored stream time, so the finals commit atomically with it
 *   (exactly once across crashes) and are never emitted twice.</li>
 * </ul>
 */
final class WindowAggregator implements Processor<String, Input<Purchase>, String, WindowAggregator.Output> {

    static final String LATE_HEADER = "late.window-start";
    /** Where an earlier version kept the closed bound, which is now derived from the stream time. */
    private static final String CLOSED_UNTIL = "closed-until";
    /** The partition's stream time in the emit state; {@link SummaryReader} hides summaries past their retention by it. */
    static final String STREAM_TIME = "stream-time";

    enum Kind { UPDATE, FINAL, LATE }

    /** What the aggregator emits: a summary (update or final) or a late purchase's original bytes. */
    record Output(Kind kind, PurchaseSummary summary, byte[] raw) {
    }

    private final long size;
    private final long grace;
    private final TopologyEvents events;
    private ProcessorContext<String, Output> context;
    private WindowStore<String, WindowTotals> windows;
    private KeyValueStore<String, Long> emitState;
    private long closedUntil;
    private long streamTime;
    /** State of a version that used the task's stream time: take that over at the first record. */
    private boolean takeOverTaskTime;

    WindowAggregator(long size, long grace, TopologyEvents events) {
        this.size = size;
        this.grace = grace;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.windows = context.getStateStore(PurchaseTopology.SUMMARY_STORE);
        this.emitState = context.getStateStore(PurchaseTopology.EMIT_STORE);
        Long storedTime = emitState.get(STREAM_TIME);
        if (storedTime != null) {
            streamTime = storedTime;
            closedUntil = closedEnd(storedTime);
        } else {
            // nothing yet, or an earlier version's state, which kept only the closed bound
            Long closedBefore = emitState.get(CLOSED_UNTIL);
            streamTime = Long.MIN_VALUE;
            closedUntil = closedBefore == null ? Long.MIN_VALUE : closedBefore;
            takeOverTaskTime = closedBefore != null;
        }
    }

    /** The end of the newest window closed at this stream time; every process call moves the bound to it. */
    private long closedEnd(long time) {
        return Math.floorDiv(time - grace, size) * size;
    }

    @Override
    public void process(Record<String, Input<Purchase>> record) {
        Purchase purchase = record.value().value();
        if (takeOverTaskTime) {
            takeOverTaskTime = false;
            streamTime = context.currentStreamTimeMs();
            emitState.delete(CLOSED_UNTIL);
        }
        if (record.timestamp() > streamTime) {
            streamTime = record.timestamp();
            emitState.put(STREAM_TIME, streamTime);
        }
        long windowStart = Math.floorDiv(record.timestamp(), size) * size;
        long windowEnd = windowStart + size;
        if (purchase.counts()) {
            if (windowEnd + grace <= streamTime) {
                late(record, windowStart);
            } else {
                aggregate(record.key(), purchase.amount(), windowStart, record.timestamp());
            }
        }
        emitClosedWindows(streamTime);
    }

    private void aggregate(String userId, BigDecimal amount, long windowStart, long timestamp) {
        WindowTotals current = windows.fetch(userId, windowStart);
        WindowTotals next = current == null ? WindowTotals.first(amount) : current.plus(amount);
        windows.put(userId, next, windowStart);
        context.forward(new Record<>(userId, new Output(Kind.UPDATE, next.summary(userId, windowStart, size), null), timestamp));
    }

    private void late(Record<String, Input<Purchase>> record, long windowStart) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        boolean nullKey = headers.lastHeader(NullKeyMarker.HEADER) != null;
        headers.remove(NullKeyMarker.HEADER);
        // one late.window-start, the service's, as a dead letter has one error.reason (a producer's own is replaced)
        headers.remove(LATE_HEADER);
        headers.add(LATE_HEADER, Instants.format(Instant.ofEpochMilli(windowStart)).getBytes(StandardCharsets.UTF_8));
        events.late(PurchaseTopology.INPUT);
        context.forward(new Record<>(nullKey ? null : record.key(), new Output(Kind.LATE, null, record.value().raw()),
                record.timestamp(), headers));
    }

    /**
     * Emits every window whose end lies in (closedUntil, newest closed end]. The bound is not stored: it
     * follows from the stream time, which is, and commits with these finals.
     */
    private void emitClosedWindows(long streamTime) {
        long closedEnd = closedEnd(streamTime);
        if (closedEnd <= closedUntil) {
            return;
        }
        long fromStart = closedUntil == Long.MIN_VALUE ? 0 : closedUntil - size + 1;
        long toStart = closedEnd - size;
        if (toStart >= 0 && toStart >= fromStart) {
            try (KeyValueIterator<Windowed<String>, WindowTotals> closed = windows.fetchAll(fromStart, toStart)) {
                while (closed.hasNext()) {
                    KeyValue<Windowed<String>, WindowTotals> window = closed.next();
                    PurchaseSummary summary = window.value.summary(window.key.key(), window.key.window().start(), size);
                    context.forward(new Record<>(window.key.key(), new Output(Kind.FINAL, summary, null),
                            window.key.window().end() - 1));
                }
            }
        }
        closedUntil = closedEnd;
    }
}
