package dev.streamsuite.fraud.api;

import dev.streamsuite.fraud.topology.AlertsAt;
import dev.streamsuite.fraud.topology.FraudTopology;
import dev.streamsuite.fraud.topology.UserState;
import dev.streamsuite.model.FraudAlert;
import dev.streamsuite.runtime.query.InteractiveQueries;
import dev.streamsuite.runtime.query.Params;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Balances and alerts by user (forwarded to the owning instance) and the newest alerts (gathered from all instances). */
@RestController
public class FraudController {

    private static final int DEFAULT_LIMIT = 100;

    private final InteractiveQueries queries;

    public FraudController(InteractiveQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/balances/{userId}")
    public ResponseEntity<?> balance(@PathVariable String userId, HttpServletRequest request) {
        return queries.byKey(FraudTopology.BALANCES_STORE, userId, request, () -> {
            ReadOnlyKeyValueStore<String, UserState> store =
                    queries.localStore(FraudTopology.BALANCES_STORE, QueryableStoreTypes.keyValueStore());
            return Optional.ofNullable(store.get(userId)).map(state -> state.toBalance(userId));
        }, "no transactions of user '" + userId + "'");
    }

    @GetMapping("/api/users/{userId}/alerts")
    public ResponseEntity<?> userAlerts(@PathVariable String userId, HttpServletRequest request) {
        return queries.byKey(FraudTopology.ALERTS_STORE, userId, request,
                () -> Optional.of(AlertViews.ofUser(alertStore(), userId)), "");
    }

    @GetMapping("/api/alerts")
    public ResponseEntity<?> alerts(@RequestParam(required = false) String limit, HttpServletRequest request) {
        int max = Params.limit(limit, DEFAULT_LIMIT);
        return queries.gather(FraudTopology.ALERTS_STORE, request, FraudAlert.class,
                () -> AlertViews.mostRecent(alertStore(), max),
                all -> AlertViews.merge(all, max));
    }

    private ReadOnlyWindowStore<String, AlertsAt> alertStore() {
        return queries.localStore(FraudTopology.ALERTS_STORE, QueryableStoreTypes.windowStore());
    }
}
