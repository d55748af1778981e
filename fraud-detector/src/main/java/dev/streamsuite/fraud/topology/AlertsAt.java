package dev.streamsuite.fraud.topology;

import dev.streamsuite.model.Binary;
import dev.streamsuite.model.FraudAlert;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The alerts of one user at one event time ({@code alerts-store} value, {@link #SERDE}). Alerts sharing a user
 * and a timestamp live in one entry rather than as window-store duplicates: the sequence numbers that tell
 * duplicates apart restart at zero with the process, so a later alert could overwrite an earlier one.
 */
public record AlertsAt(List<FraudAlert> alerts) {

    /**
     * The store's format: it is read and written for every transaction that raises an alert, which with
     * VELOCITY can be most debits of a busy user. Values an earlier version wrote as JSON are still read.
     */
    public static final Serde<AlertsAt> SERDE = Binary.serde(AlertsAt::write, AlertsAt::read, AlertsAt.class);

    public AlertsAt {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /**
     * With {@code added} (alerts of one transaction, so distinct alertIds) appended; an alert with the same
     * alertId (a transaction id reused after retention) is replaced.
     */
    AlertsAt with(List<FraudAlert> added) {
        List<FraudAlert> next = new ArrayList<>(alerts.size() + added.size());
        for (FraudAlert a : alerts) {
            if (added.stream().noneMatch(b -> b.alertId().equals(a.alertId()))) {
                next.add(a);
            }
        }
        next.addAll(added);
        return new AlertsAt(next);
    }

    private static void write(Binary.Writer out, AlertsAt value) {
        out.writeList(value.alerts, (o, a) -> o.writeString(a.alertId()).writeString(a.userId())
                .writeString(a.transactionId()).writeString(a.rule()).writeDecimal(a.amount()).writeDecimal(a.balance())
                .writeInstant(a.timestamp()).writeString(a.message()));
    }

    private static AlertsAt read(Binary.Reader in) {
        List<FraudAlert> alerts = in.readList(r -> new FraudAlert(r.readString(), r.readString(), r.readString(),
                r.readString(), r.readDecimal(), r.readDecimal(), r.readInstant(), r.readString()));
        if (alerts == null) {
            throw new SerializationException("an alert list that is null");
        }
        return new AlertsAt(alerts);
    }
}
