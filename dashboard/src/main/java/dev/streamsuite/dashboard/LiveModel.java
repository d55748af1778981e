package dev.streamsuite.dashboard;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What the page shows of the business results, built from the output topics (and the services' APIs):
 * purchase totals per window and the top users of the current window, enriched vs unmatched orders, the
 * latest fraud alerts. Each part has a version that changes with it, so only changed parts are pushed.
 * Thread-safe (one lock; every operation is short).
 */
public final class LiveModel {

    public static final String PURCHASE_SUMMARIES = "purchase-summaries";
    public static final String ENRICHED_ORDERS = "enriched-orders";
    public static final String ORDERS_UNMATCHED = "orders-unmatched";
    public static final String FRAUD_ALERTS = "fraud-alerts";
    public static final List<String> TOPICS = List.of(PURCHASE_SUMMARIES, ENRICHED_ORDERS, ORDERS_UNMATCHED, FRAUD_ALERTS);

    static final int TOP_USERS = 10;
    static final int RECENT_ORDERS = 12;
    static final long ORDER_BUCKET_MS = 5_000;
    static final int ORDER_BUCKETS = 60;

    private final int windowsShown;
    private final int alertsShown;
    private final Clock clock;

    /** windowStart → userId → the user's latest summary of that window. */
    private final NavigableMap<Instant, Map<String, UserTotal>> windows = new TreeMap<>();
    private final Map<Instant, Instant> windowEnds = new HashMap<>();
    private long purchasesVersion;

    private long enriched;
    private long unmatched;
    private final Map<String, Long> unmatchedByReason = new TreeMap<>();
    private final NavigableMap<Long, long[]> orderBuckets = new TreeMap<>();
    private final Deque<Map<String, Object>> recentOrders = new ArrayDeque<>();
    private long ordersVersion;

    private final Deque<Map<String, Object>> alerts = new ArrayDeque<>();
    private final Set<String> alertIds = new HashSet<>();
    private final Map<String, Long> alertsByRule = new TreeMap<>();
    private long alertsTotal;
    private long alertsVersion;

    private long recordsRead;

    public LiveModel(int windowsShown, int alertsShown, Clock clock) {
        this.windowsShown = windowsShown;
        this.alertsShown = alertsShown;
        this.clock = clock;
    }

    /** One user's latest summary of one window. */
    public record UserTotal(String userId, long count, BigDecimal totalAmount, BigDecimal maxAmount) {
    }

    /** A record of one of the output topics; values that do not parse are skipped. */
    public synchronized void accept(String topic, String key, JsonNode value) {
        if (value == null || !value.isObject()) {
            return;
        }
        recordsRead++;
        switch (topic) {
            case PURCHASE_SUMMARIES -> summary(value);
            case ENRICHED_ORDERS, ORDERS_UNMATCHED -> order(topic, value);
            case FRAUD_ALERTS -> alert(value);
            default -> {
            }
        }
    }

    private void summary(JsonNode v) {
        String userId = text(v, "userId");
        Instant start = instant(v, "windowStart");
        if (userId == null || start == null) {
            return;
        }
        UserTotal total = new UserTotal(userId, v.path("count").asLong(0), decimal(v, "totalAmount"), decimal(v, "maxAmount"));
        mergeSummary(start, instant(v, "windowEnd"), total);
    }

    /**
     * A summary from the topic or the API: within a window a user's count only grows, so the one with the
     * higher count is the newer.
     */
    private void mergeSummary(Instant start, Instant end, UserTotal total) {
        if (!windows.containsKey(start) && windows.size() >= windowsShown && start.isBefore(windows.firstKey())) {
            return; // older than every window shown
        }
        Map<String, UserTotal> users = windows.computeIfAbsent(start, s -> new HashMap<>());
        if (end != null) {
            windowEnds.put(start, end);
        }
        UserTotal old = users.get(total.userId());
        if (old == null || total.count() >= old.count()) {
            users.put(total.userId(), total);
            purchasesVersion++;
        }
        while (windows.size() > windowsShown) {
            windowEnds.remove(windows.pollFirstEntry().getKey());
        }
    }

    /** Summaries of one window as the purchase-aggregator's API answered them. */
    public synchronized void acceptSummariesFromApi(List<JsonNode> summaries) {
        for (JsonNode v : summaries) {
            summary(v);
        }
    }

    private void order(String topic, JsonNode v) {
        boolean isEnriched = ENRICHED_ORDERS.equals(topic);
        // bucketed by order (event) time, so replayed records land where they belong
        Instant at = instant(v, "timestamp");
        long time = at == null ? clock.millis() : at.toEpochMilli();
        long bucket = Math.floorDiv(time, ORDER_BUCKET_MS) * ORDER_BUCKET_MS;
        long[] counts = orderBuckets.computeIfAbsent(bucket, b -> new long[2]);
        if (isEnriched) {
            enriched++;
            counts[0]++;
        } else {
            unmatched++;
            counts[1]++;
            unmatchedByReason.merge(v.path("reason").asString("UNKNOWN"), 1L, Long::sum);
        }
        long oldest = Math.floorDiv(clock.millis(), ORDER_BUCKET_MS) * ORDER_BUCKET_MS - ORDER_BUCKETS * ORDER_BUCKET_MS;
        orderBuckets.headMap(oldest).clear();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("orderId", text(v, "orderId"));
        o.put("customerId", text(v, "customerId"));
        o.put("amount", decimal(v, "amount"));
        o.put("currency", text(v, "currency"));
        o.put("status", isEnriched ? "ENRICHED" : "UNMATCHED");
        o.put("reason", text(v, "reason"));
        JsonNode customer = v.path("customer");
        o.put("customerName", customer.isObject() ? text(customer, "name") : null);
        o.put("tier", customer.isObject() ? text(customer, "tier") : null);
        o.put("timestamp", text(v, "timestamp"));
        recentOrders.addFirst(o);
        while (recentOrders.size() > RECENT_ORDERS) {
            recentOrders.removeLast();
        }
        ordersVersion++;
    }

    private void alert(JsonNode v) {
        String alertId = text(v, "alertId");
        if (alertId == null || !alertIds.add(alertId)) {
            return; // an alert is written exactly once; the API seed may repeat one the topic brings too
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("alertId", alertId);
        a.put("userId", text(v, "userId"));
        a.put("transactionId", text(v, "transactionId"));
        a.put("rule", text(v, "rule"));
        a.put("amount", decimal(v, "amount"));
        a.put("balance", decimal(v, "balance"));
        a.put("timestamp", text(v, "timestamp"));
        a.put("message", text(v, "message"));
        alerts.addFirst(a);
        alertsTotal++;
        alertsByRule.merge(String.valueOf(a.get("rule")), 1L, Long::sum);
        while (alerts.size() > alertsShown) {
            alertIds.remove(String.valueOf(alerts.removeLast().get("alertId")));
        }
        alertsVersion++;
    }

    /** Recent alerts from the fraud-detector's API (when the topic brought none yet), oldest first. */
    public synchronized void acceptAlertsFromApi(List<JsonNode> newestFirst) {
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            alert(newestFirst.get(i));
        }
    }

    public synchronized boolean hasAlerts() {
        return !alerts.isEmpty();
    }

    /** The start of the latest window seen, or null. */
    public synchronized Instant currentWindow() {
        return windows.isEmpty() ? null : windows.lastKey();
    }

    public synchronized long recordsRead() {
        return recordsRead;
    }

    public synchronized long version(String part) {
        return switch (part) {
            case "purchases" -> purchasesVersion;
            case "orders" -> ordersVersion;
            case "alerts" -> alertsVersion;
            default -> throw new IllegalArgumentException(part);
        };
    }

    /** Totals per window (ascending) and the top users of the latest window. */
    public synchronized Map<String, Object> purchases() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<Instant, Map<String, UserTotal>> w : windows.entrySet()) {
            list.add(windowView(w.getKey(), w.getValue()));
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("windows", list);
        if (!windows.isEmpty()) {
            Map.Entry<Instant, Map<String, UserTotal>> current = windows.lastEntry();
            Map<String, Object> cur = windowView(current.getKey(), current.getValue());
            List<UserTotal> top = new ArrayList<>(current.getValue().values());
            top.sort(Comparator.comparing(UserTotal::totalAmount).reversed().thenComparing(UserTotal::userId));
            cur.put("top", top.subList(0, Math.min(TOP_USERS, top.size())));
            view.put("current", cur);
        } else {
            view.put("current", null);
        }
        return view;
    }

    private Map<String, Object> windowView(Instant start, Map<String, UserTotal> users) {
        BigDecimal total = BigDecimal.ZERO;
        long count = 0;
        for (UserTotal u : users.values()) {
            total = total.add(u.totalAmount());
            count += u.count();
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("windowStart", start.toString());
        Instant end = windowEnds.get(start);
        w.put("windowEnd", end == null ? null : end.toString());
        w.put("users", users.size());
        w.put("count", count);
        w.put("totalAmount", total);
        return w;
    }

    public synchronized Map<String, Object> orders() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enriched", enriched);
        view.put("unmatched", unmatched);
        view.put("unmatchedByReason", new TreeMap<>(unmatchedByReason));
        List<Map<String, Object>> series = new ArrayList<>();
        long now = clock.millis() / ORDER_BUCKET_MS * ORDER_BUCKET_MS;
        for (long t = now - (ORDER_BUCKETS - 1) * ORDER_BUCKET_MS; t <= now; t += ORDER_BUCKET_MS) {
            long[] c = orderBuckets.getOrDefault(t, new long[2]);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("t", Instant.ofEpochMilli(t).toString());
            p.put("enriched", c[0]);
            p.put("unmatched", c[1]);
            series.add(p);
        }
        view.put("bucketSeconds", ORDER_BUCKET_MS / 1000);
        view.put("series", series);
        view.put("recent", new ArrayList<>(recentOrders));
        return view;
    }

    public synchronized Map<String, Object> alerts() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total", alertsTotal);
        view.put("byRule", new TreeMap<>(alertsByRule));
        view.put("recent", new ArrayList<>(alerts));
        return view;
    }

    private static String text(JsonNode v, String field) {
        JsonNode n = v.get(field);
        return n == null || n.isNull() ? null : n.asString();
    }

    private static BigDecimal decimal(JsonNode v, String field) {
        JsonNode n = v.get(field);
        if (n == null || n.isNull()) {
            return BigDecimal.ZERO;
        }
        try {
            return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asString());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }

    private static Instant instant(JsonNode v, String field) {
        String s = text(v, field);
        try {
            return s == null ? null : Instant.parse(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
