package dev.streamsuite.fraud.topology;

import dev.streamsuite.model.FraudAlert;
import dev.streamsuite.model.Transaction;
import dev.streamsuite.runtime.topology.Input;
import dev.streamsuite.runtime.topology.TopologyEvents;
import dev.streamsuite.runtime.topology.WindowStores;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One distinct transaction at a time, on its input partition (keyed by userId, so the user's partition):
 * de-duplicate, apply to the balance, evaluate the rules, emit and store the alerts. Everything it writes
 * (three stores' changelogs and fraud-alerts) commits in the task's one exactly-once transaction, so after
 * a crash either all of a transaction's effects are there or none, and it is simply processed again.
 *
 * <p>De-duplication is decided against the task's stream time S (the highest event time read on the
 * partition, this record included, restored from the committed offsets after a restart): an id read
 * when stream time was S0 is remembered while {@code S < S0 + retention}. The window store keeps ids at
 * S0 and drops whole segments once its own observed time has passed them; the explicit lower bound
 * {@code S - retention + 1} makes the answer independent of when that happens.
 */
final class FraudProcessor implements Processor<String, Input<Transaction>, String, FraudAlert> {

    private static final Logger log = LoggerFactory.getLogger(FraudProcessor.class);

    private final FraudRules rules;
    private final long dedupRetentionMs;
    private final long alertRetentionMs;
    private final TopologyEvents events;
    private ProcessorContext<String, FraudAlert> context;
    private KeyValueStore<String, UserState> balances;
    private WindowStore<String, String> transactionIds;
    private WindowStore<String, AlertsAt> alerts;
    private SeenIds seenIds;

    FraudProcessor(FraudRules rules, long dedupRetentionMs, long alertRetentionMs, TopologyEvents events) {
        this.rules = rules;
        this.dedupRetentionMs = dedupRetentionMs;
        this.alertRetentionMs = alertRetentionMs;
        this.events = events;
    }

    @Override
    public void init(ProcessorContext<String, FraudAlert> context) {
        this.context = context;
        this.balances = context.getStateStore(FraudTopology.BALANCES_STORE);
        this.transactionIds = context.getStateStore(FraudTopology.TRANSACTION_IDS_STORE);
        this.alerts = context.getStateStore(FraudTopology.ALERTS_STORE);
        long started = System.nanoTime();
        try (KeyValueIterator<Windowed<String>, String> stored = transactionIds.all()) {
            seenIds = SeenIds.load(stored, entry -> entry.key.key());
        }
        // once per task start; the scan is part of the task's start-up, so its time is worth seeing
        log.info("Task {}: {} transaction ids read from {} into the filter of seen ids in {} ms{}", context.taskId(),
                seenIds.size(), FraudTopology.TRANSACTION_IDS_STORE, (System.nanoTime() - started) / 1_000_000,
                seenIds.full() ? "; more than it holds (" + SeenIds.CAPACITY + "), so every id is checked against the store" : "");
    }

    @Override
    public void process(Record<String, Input<Transaction>> record) {
        Transaction t = record.value().value();
        long time = record.timestamp();
        // stream time already includes this record; the max keeps "this record included" true by definition
        long streamTime = Math.max(context.currentStreamTimeMs(), time);
        if (isDuplicate(t.transactionId(), streamTime)) {
            // counted, not logged: a producer's retries can send many, and each is expected input
            events.duplicate(FraudTopology.INPUT);
            log.debug("Transaction {} of user {} is a duplicate; ignored", t.transactionId(), t.userId());
            return;
        }
        // remembered from when it was read, not from its own event time: an id older than the retention is then a
        // duplicate all the same when it comes again within the retention (at its own time it would expire at once)
        transactionIds.put(t.transactionId(), t.userId(), streamTime);
        seenIds.add(t.transactionId());
        UserState before = balances.get(record.key());
        if (before == null) {
            before = UserState.empty();
        }
        UserState after = before.apply(t, rules.debitTimesToKeep());
        List<FraudAlert> raised = rules.evaluate(t, before, after);
        // an alert already older than the retention would be expired at once (and the store would drop the put)
        boolean storeAlerts = !raised.isEmpty() && time > streamTime - alertRetentionMs;
        if (storeAlerts) {
            after = after.withAlertsAt(time, streamTime);
        }
        balances.put(record.key(), after);
        if (raised.isEmpty()) {
            return;
        }
        if (storeAlerts) {
            // one write for all of the transaction's alerts (they share user and time); the read before it, to
            // keep alerts of another transaction at the same time, only when the user state says there may be
            // some: nearly every transaction of a user is later than the user's last alert.
            AlertsAt existing = before.mayHaveAlertsAt(time, streamTime) ? alerts.fetch(record.key(), time) : null;
            alerts.put(record.key(), existing == null ? new AlertsAt(raised) : existing.with(raised), time);
        }
        for (FraudAlert alert : raised) {
            events.alert(alert.rule());
            log.debug("Alert {}: {}", alert.alertId(), alert.message());
            context.forward(new Record<>(record.key(), alert, time, new RecordHeaders()));
        }
    }

    private boolean isDuplicate(String transactionId, long streamTime) {
        if (!seenIds.mayContain(transactionId)) {
            return false;
        }
        long from = Math.max(0, streamTime - dedupRetentionMs + 1);
        try (WindowStoreIterator<String> seen = transactionIds.fetch(transactionId, from, WindowStores.END_OF_TIME_MS)) {
            return seen.hasNext();
        }
    }
}
