package dev.streamsuite.model;

import java.math.BigDecimal;
import java.time.Instant;

/** A record of {@code fraud-alerts}, keyed by {@code userId}; {@code alertId = transactionId:rule}. */
public record FraudAlert(String alertId, String userId, String transactionId, String rule, BigDecimal amount,
                         BigDecimal balance, Instant timestamp, String message) {

    public static FraudAlert of(Transaction t, String rule, BigDecimal balance, String message) {
        return new FraudAlert(t.transactionId() + ":" + rule, t.userId(), t.transactionId(), rule, t.amount(),
                balance, t.timestamp(), message);
    }
}
