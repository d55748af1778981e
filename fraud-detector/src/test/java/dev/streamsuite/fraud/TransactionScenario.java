package dev.streamsuite.fraud;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates transactions for the integration test (valid ones, exact re-sends of earlier ones, bad
 * records) and keeps an independent model of what the service must compute: balances in send order
 * (one producer, so each user's partition order), distinct transaction ids, and the NEGATIVE_BALANCE
 * alerts with their balances.
 */
final class TransactionScenario {

    record Expected(BigDecimal balance, long count, Instant updatedAt) {
    }

    private static final String[] COUNTRIES = {"GB", "GB", "GB", "FR", "DE", null};

    private final Random random = new Random(20261124);
    private final List<String> users = new ArrayList<>();
    private final Map<String, Expected> balances = new TreeMap<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<String, BigDecimal> negativeAlerts = new TreeMap<>();
    private final List<Map.Entry<String, String>> sentValid = new ArrayList<>();
    private final List<Map.Entry<String, String>> sent = new ArrayList<>();
    private final Map<String, String> userOf = new HashMap<>();
    private final List<Map.Entry<String, String>> invalidRecords = new ArrayList<>();
    private Instant nextTime;
    private int nextId;
    private int invalid;
    private int duplicates;

    TransactionScenario(int userCount, Instant start) {
        for (int i = 0; i < userCount; i++) {
            users.add(String.format("user-%02d", i));
        }
        this.nextTime = start;
    }

    /**
     * {@code size} records: roughly {@code duplicateShare} exact re-sends of earlier valid transactions,
     * {@code invalidShare} bad records, the rest new transactions.
     */
    List<Map.Entry<String, String>> batch(int size, double duplicateShare, double invalidShare) {
        List<Map.Entry<String, String>> records = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            double dice = random.nextDouble();
            if (dice < duplicateShare && !sentValid.isEmpty()) {
                records.add(sentValid.get(random.nextInt(sentValid.size())));
                duplicates++;
            } else if (dice < duplicateShare + invalidShare) {
                Map.Entry<String, String> bad = invalidRecord();
                records.add(bad);
                invalidRecords.add(bad);
                invalid++;
            } else {
                records.add(newTransaction());
            }
        }
        sent.addAll(records);
        return records;
    }

    private Map.Entry<String, String> newTransaction() {
        String user = users.get(random.nextInt(users.size()));
        String id = "tx-" + (nextId++);
        BigDecimal amount = amount();
        Instant time = nextTime;
        nextTime = nextTime.plusMillis(150);
        String json = json(id, user, amount.toPlainString(), time.toString(), COUNTRIES[random.nextInt(COUNTRIES.length)]);
        Map.Entry<String, String> record = new SimpleEntry<>(user, json);
        sentValid.add(record);
        apply(id, user, amount, time);
        return record;
    }

    private void apply(String id, String user, BigDecimal amount, Instant time) {
        userOf.put(id, user);
        if (!seen.add(id)) {
            return;
        }
        Expected before = balances.getOrDefault(user, new Expected(BigDecimal.ZERO, 0, null));
        BigDecimal after = before.balance().add(amount);
        balances.put(user, new Expected(after, before.count() + 1, time));
        if (after.signum() < 0) {
            negativeAlerts.put(id + ":NEGATIVE_BALANCE", after);
        }
    }

    /**
     * Debits a little more often and a little larger than credits, so balances cross zero again and again;
     * now and then a debit far above the usual ones (UNUSUAL_AMOUNT).
     */
    private BigDecimal amount() {
        if (random.nextInt(40) == 0) {
            return BigDecimal.valueOf(-200_000 - random.nextInt(300_000), 2);
        }
        BigDecimal amount;
        do {
            amount = random.nextInt(4) == 0
                    ? BigDecimal.valueOf(random.nextInt(1_100_000) - 600_000, 4)
                    : BigDecimal.valueOf(random.nextInt(11_000) - 6_000, 2);
        } while (amount.signum() == 0);
        return amount;
    }

    private Map.Entry<String, String> invalidRecord() {
        String user = users.get(random.nextInt(users.size()));
        String other = users.get((users.indexOf(user) + 1) % users.size());
        String id = "bad-" + invalid;
        String time = nextTime.toString();
        return switch (invalid % 7) {
            case 0 -> new SimpleEntry<>(user, json(id, user, "0.00", time, "GB"));
            case 1 -> new SimpleEntry<>(null, json(id, user, "-5.00", time, "GB"));
            case 2 -> new SimpleEntry<>(other, json(id, user, "-5.00", time, "GB"));
            case 3 -> new SimpleEntry<>(user, "{\"transactionId\":\"" + id + "\",\"userId\":");
            case 4 -> new SimpleEntry<>(user, json(id, user, "-5.00", "not-a-time", null));
            case 5 -> new SimpleEntry<>(user, json(id, user, "\"-5.00\"", time, null));
            default -> new SimpleEntry<>(user, "{\"transactionId\":\"" + id + "\",\"userId\":\"" + user + "\",\"timestamp\":\""
                    + time + "\"}");
        };
    }

    private static String json(String id, String user, String amount, String time, String country) {
        return "{\"transactionId\":\"" + id + "\",\"userId\":\"" + user + "\",\"amount\":" + amount + ",\"timestamp\":\""
                + time + "\",\"merchant\":\"m-" + Math.abs(id.hashCode() % 17) + "\""
                + (country == null ? "" : ",\"country\":\"" + country + "\"") + "}";
    }

    Map<String, Expected> balances() {
        return balances;
    }

    /** alertId → balance after the transaction. */
    Map<String, BigDecimal> negativeAlerts() {
        return negativeAlerts;
    }

    String userOf(String transactionId) {
        return userOf.get(transactionId);
    }

    /** The id number the next new transaction gets ({@code tx-<n>}). */
    int nextId() {
        return nextId;
    }

    /** Every record of every batch so far, in order. */
    List<Map.Entry<String, String>> sent() {
        return sent;
    }

    /** Every bad record sent so far, as (key, value). */
    List<Map.Entry<String, String>> invalidRecords() {
        return invalidRecords;
    }

    int invalid() {
        return invalid;
    }

    int duplicates() {
        return duplicates;
    }

    int distinct() {
        return seen.size();
    }
}
