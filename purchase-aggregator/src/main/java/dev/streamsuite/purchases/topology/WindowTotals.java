package dev.streamsuite.purchases.topology;

import dev.streamsuite.model.Binary;
import dev.streamsuite.model.PurchaseSummary;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value of {@code purchase-summaries-store}: a summary without its user and window, which the store's
 * key and window already hold, so each fetch and put of the aggregation handles only the figures. Values
 * an earlier version stored as a whole summary in JSON read as these figures (unknown JSON fields are
 * ignored, and the component names are the summary's).
 */
public record WindowTotals(long count, BigDecimal totalAmount, BigDecimal minAmount, BigDecimal maxAmount) {

    static Serde<WindowTotals> serde() {
        return Binary.serde(
                (out, t) -> out.writeLong(t.count).writeDecimal(t.totalAmount).writeDecimal(t.minAmount)
                        .writeDecimal(t.maxAmount),
                in -> new WindowTotals(in.readLong(), in.readDecimal(), in.readDecimal(), in.readDecimal()),
                WindowTotals.class);
    }

    static WindowTotals first(BigDecimal amount) {
        return new WindowTotals(1, amount, amount, amount);
    }

    WindowTotals plus(BigDecimal amount) {
        return new WindowTotals(count + 1, totalAmount.add(amount), minAmount.min(amount), maxAmount.max(amount));
    }

    /** The summary of {@code userId}'s window starting at {@code windowStartMs}, as the outputs and the API show it. */
    public PurchaseSummary summary(String userId, long windowStartMs, long windowSizeMs) {
        return new PurchaseSummary(userId, Instant.ofEpochMilli(windowStartMs), Instant.ofEpochMilli(windowStartMs + windowSizeMs),
                count, totalAmount, minAmount, maxAmount);
    }
}
