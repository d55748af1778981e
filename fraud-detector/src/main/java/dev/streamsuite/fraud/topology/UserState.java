package dev.streamsuite.fraud.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.streamsuite.model.Balance;
import dev.streamsuite.model.Binary;
import dev.streamsuite.model.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the fraud detector knows about one user ({@code balances-store}, {@link #SERDE}): the balance and
 * what the rules need, all folded over the user's distinct transactions in partition read order.
 *
 * @param balance          exact sum of the amounts
 * @param transactionCount number of distinct transactions applied
 * @param updatedAt        event time of the last applied transaction (in read order, so not necessarily the newest)
 * @param recentDebitTimes event times of the user's latest debits (by event time, ascending), at most as many
 *                         as VELOCITY's limit needs
 * @param debitCount       number of debits applied
 * @param debitTotal       sum of the magnitudes of those debits
 * @param lastCountry      country of the last applied transaction that had one (upper case), or null
 * @param lastCountryAt    that transaction's event time, or null
 * @param alertsUntil      event time (ms) of the user's newest alert in {@code alerts-store}, which holds none of
 *                         the user's alerts at a later time; {@link #NO_ALERTS} before the first; null when
 *                         unknown (a state an earlier version wrote)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserState(BigDecimal balance, long transactionCount, Instant updatedAt, List<Instant> recentDebitTimes,
                        long debitCount, BigDecimal debitTotal, String lastCountry, Instant lastCountryAt,
                        Long alertsUntil) {

    /** {@link #alertsUntil} of a user without stored alerts. */
    static final long NO_ALERTS = Long.MIN_VALUE;

    /**
     * The store's format: it is read and written for every transaction, and as JSON (mostly the instants)
     * that was a third of the stream thread. Values an earlier version wrote as JSON are still read.
     */
    public static final Serde<UserState> SERDE = Binary.serde(UserState::write, UserState::read, UserState.class);

    public UserState {
        recentDebitTimes = recentDebitTimes == null ? List.of() : List.copyOf(recentDebitTimes);
    }

    private static void write(Binary.Writer out, UserState s) {
        out.writeDecimal(s.balance).writeLong(s.transactionCount).writeInstant(s.updatedAt)
                .writeList(s.recentDebitTimes, Binary.Writer::writeInstant)
                .writeLong(s.debitCount).writeDecimal(s.debitTotal).writeString(s.lastCountry).writeInstant(s.lastCountryAt);
        if (s.alertsUntil != null) {
            out.writeLong(s.alertsUntil);
        }
    }

    private static UserState read(Binary.Reader in) {
        BigDecimal balance = in.readDecimal();
        long transactionCount = in.readLong();
        Instant updatedAt = in.readInstant();
        List<Instant> debits = in.readList(Binary.Reader::readInstant);
        long debitCount = in.readLong();
        BigDecimal debitTotal = in.readDecimal();
        String lastCountry = in.readString();
        Instant lastCountryAt = in.readInstant();
        // absent in values of versions before alertsUntil
        return new UserState(balance, transactionCount, updatedAt, debits, debitCount, debitTotal, lastCountry,
                lastCountryAt, in.hasMore() ? in.readLong() : null);
    }

    static UserState empty() {
        return new UserState(BigDecimal.ZERO, 0, null, List.of(), 0, BigDecimal.ZERO, null, null, NO_ALERTS);
    }

    /**
     * Whether {@code alerts-store} may already hold alerts of this user at {@code time}, so that new ones must
     * be merged with them; {@code streamTime} bounds the time of every stored alert when the state does not.
     */
    boolean mayHaveAlertsAt(long time, long streamTime) {
        return time <= alertsBound(streamTime);
    }

    /** This state once alerts at {@code time} are stored; see {@link #mayHaveAlertsAt}. */
    UserState withAlertsAt(long time, long streamTime) {
        return new UserState(balance, transactionCount, updatedAt, recentDebitTimes, debitCount, debitTotal, lastCountry,
                lastCountryAt, Math.max(alertsBound(streamTime), time));
    }

    /** No stored alert of this user is later than this. */
    private long alertsBound(long streamTime) {
        return alertsUntil != null ? alertsUntil : streamTime;
    }

    /** The contract's balance view. */
    public Balance toBalance(String userId) {
        return new Balance(userId, balance, transactionCount, updatedAt);
    }

    /** The country of a transaction as the rules compare it: trimmed, upper case; null when absent or blank. */
    static String country(Transaction t) {
        return t.country() == null || t.country().isBlank() ? null : t.country().trim().toUpperCase(Locale.ROOT);
    }

    /**
     * The state after {@code t}; {@code keepDebits} is how many latest debit times to keep (VELOCITY's
     * limit: a debit in time order needs exactly that many earlier ones to decide).
     */
    UserState apply(Transaction t, int keepDebits) {
        List<Instant> debits = recentDebitTimes;
        long count = debitCount;
        BigDecimal total = debitTotal;
        if (t.isDebit()) {
            Instant time = t.timestamp();
            int n = recentDebitTimes.size();
            int at = 0;
            while (at < n && !recentDebitTimes.get(at).isAfter(time)) {
                at++;
            }
            // the latest keepDebits of the n + 1 times, straight into one array (the constructor keeps a List.of as it is)
            int from = Math.max(0, n + 1 - keepDebits);
            Instant[] kept = new Instant[n + 1 - from];
            for (int i = from; i <= n; i++) {
                kept[i - from] = i < at ? recentDebitTimes.get(i) : i == at ? time : recentDebitTimes.get(i - 1);
            }
            debits = List.of(kept);
            count++;
            total = total.add(t.amount().negate());
        }
        String country = country(t);
        return new UserState(balance.add(t.amount()), transactionCount + 1, t.timestamp(), debits, count, total,
                country != null ? country : lastCountry, country != null ? t.timestamp() : lastCountryAt, alertsUntil);
    }
}
