package dev.streamsuite.fraud.topology;

import dev.streamsuite.model.FraudAlert;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerts of one user at one event time ({@code alerts-store} value, JSON). Alerts sharing a user and
 * a timestamp live in one entry rather than as window-store duplicates: the sequence numbers that tell
 * duplicates apart restart at zero with the process, so a later alert could overwrite an earlier one.
 */
public record AlertsAt(List<FraudAlert> alerts) {

    public AlertsAt {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** With {@code alert} added; an alert with the same alertId (a transaction id reused after retention) is replaced. */
    AlertsAt with(FraudAlert alert) {
        List<FraudAlert> next = new ArrayList<>(alerts.size() + 1);
        for (FraudAlert a : alerts) {
            if (!a.alertId().equals(alert.alertId())) {
                next.add(a);
            }
        }
        next.add(alert);
        return new AlertsAt(next);
    }
}
