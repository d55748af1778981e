package dev.streamsuite.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

/** An input record of {@code transactions}, keyed by {@code userId}; credits positive, debits negative. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transaction(String transactionId, String userId, BigDecimal amount, Instant timestamp,
                          String merchant, String country) {

    public static Validated<Transaction> parse(byte[] json) {
        return Validated.parse(json, Transaction::read);
    }

    static Transaction read(Fields f) {
        Transaction t = new Transaction(f.id("transactionId"), f.id("userId"), f.money("amount"),
                f.instant("timestamp"), f.text("merchant"), f.text("country"));
        if (t.amount.signum() == 0) {
            throw f.invalid(InvalidRecordException.OUT_OF_RANGE, "amount", "must not be zero");
        }
        return t;
    }

    @JsonIgnore // not a field of the contract's JSON
    public boolean isDebit() {
        return amount.signum() < 0;
    }
}
