package dev.streamsuite.model;

import java.math.BigDecimal;
import java.time.Instant;

/** One user's purchases in one tumbling window: {@code purchase-summaries(-final)} and the HTTP API. */
public record PurchaseSummary(String userId, Instant windowStart, Instant windowEnd, long count,
                              BigDecimal totalAmount, BigDecimal minAmount, BigDecimal maxAmount) {
}
