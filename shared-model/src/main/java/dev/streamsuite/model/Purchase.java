package dev.streamsuite.model;

import java.math.BigDecimal;
import java.time.Instant;

/** An input record of {@code purchases}, keyed by {@code userId}. */
public record Purchase(String purchaseId, String userId, BigDecimal amount, String type, Instant timestamp) {

    public static final String PURCHASE = "PURCHASE";

    /** Only PURCHASE counts towards summaries; refunds and other types are ignored. */
    public boolean counts() {
        return PURCHASE.equals(type);
    }

    public static Validated<Purchase> parse(byte[] json) {
        return Validated.parse(json, Purchase::read);
    }

    static Purchase read(Fields f) {
        String type = f.text("type");
        Purchase purchase = new Purchase(f.id("purchaseId"), f.id("userId"), f.money("amount"),
                type == null ? PURCHASE : type, f.instant("timestamp"));
        if (purchase.counts() && purchase.amount.signum() <= 0) {
            throw f.invalid(InvalidRecordException.OUT_OF_RANGE, "amount", "must be greater than 0 for a PURCHASE");
        }
        return purchase;
    }
}
