package dev.streamsuite.model;

import java.math.BigDecimal;
import java.time.Instant;

/** A user's running balance: the exact sum of its distinct transactions. */
public record Balance(String userId, BigDecimal balance, long transactionCount, Instant updatedAt) {
}
