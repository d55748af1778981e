package dev.streamsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the page is given: windows and top users, orders, alerts; versions move only on change. */
class LiveModelTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:07:30Z");
    private final JsonMapper json = JsonMapper.builder().build();
    private final LiveModel model = new LiveModel(3, 2, Clock.fixed(NOW, ZoneOffset.UTC));

    private JsonNode node(String s) {
        return json.readTree(s);
    }

    private void summary(String user, String start, long count, String total) {
        Instant s = Instant.parse(start);
        model.accept(LiveModel.PURCHASE_SUMMARIES, user, node("{\"userId\":\"" + user + "\",\"windowStart\":\"" + s
                + "\",\"windowEnd\":\"" + s.plusSeconds(300) + "\",\"count\":" + count + ",\"totalAmount\":" + total
                + ",\"minAmount\":1.00,\"maxAmount\":" + total + "}"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void windowTotalsAndTopUsersOfTheLatestWindow() {
        long v0 = model.version("purchases");
        summary("u-1", "2026-11-24T10:00:00Z", 1, "10.00");
        summary("u-1", "2026-11-24T10:05:00Z", 1, "5.00");
        summary("u-2", "2026-11-24T10:05:00Z", 1, "7.50");
        summary("u-1", "2026-11-24T10:05:00Z", 2, "25.25"); // u-1's newer summary replaces the older
        summary("u-1", "2026-11-24T10:05:00Z", 1, "5.00"); // an older one arriving late (API) does not
        assertThat(model.version("purchases")).isGreaterThan(v0);

        Map<String, Object> view = model.purchases();
        List<Map<String, Object>> windows = (List<Map<String, Object>>) view.get("windows");
        assertThat(windows).extracting(w -> w.get("windowStart")).containsExactly("2026-11-24T10:00:00Z", "2026-11-24T10:05:00Z");
        assertThat(windows.get(1).get("totalAmount")).isEqualTo(new BigDecimal("32.75"));
        assertThat(windows.get(1).get("count")).isEqualTo(3L);
        Map<String, Object> current = (Map<String, Object>) view.get("current");
        assertThat(current.get("windowEnd")).isEqualTo("2026-11-24T10:10:00Z");
        assertThat((List<LiveModel.UserTotal>) current.get("top")).extracting(LiveModel.UserTotal::userId)
                .containsExactly("u-1", "u-2");

        // only the latest 3 windows are kept; an older one is ignored
        summary("u-3", "2026-11-24T10:10:00Z", 1, "1.00");
        summary("u-3", "2026-11-24T10:15:00Z", 1, "1.00");
        summary("u-3", "2026-11-24T09:00:00Z", 1, "1.00");
        assertThat((List<Map<String, Object>>) model.purchases().get("windows")).extracting(w -> w.get("windowStart"))
                .containsExactly("2026-11-24T10:05:00Z", "2026-11-24T10:10:00Z", "2026-11-24T10:15:00Z");
        assertThat(model.currentWindow()).isEqualTo(Instant.parse("2026-11-24T10:15:00Z"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void ordersEnrichedAndUnmatchedByReasonAndOrderTime() {
        model.accept(LiveModel.ENRICHED_ORDERS, "o-1", node("{\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"amount\":9.90,"
                + "\"currency\":\"EUR\",\"timestamp\":\"2026-11-24T10:07:21Z\",\"status\":\"ENRICHED\",\"customer\":{\"name\":\"Ada\",\"tier\":\"GOLD\"}}"));
        model.accept(LiveModel.ORDERS_UNMATCHED, "o-2", node("{\"orderId\":\"o-2\",\"customerId\":\"c-9\",\"amount\":1,"
                + "\"timestamp\":\"2026-11-24T10:07:29Z\",\"status\":\"UNMATCHED\",\"reason\":\"UNKNOWN_CUSTOMER\"}"));
        model.accept(LiveModel.ORDERS_UNMATCHED, "o-3", node("[1]")); // not an object: skipped

        Map<String, Object> view = model.orders();
        assertThat(view.get("enriched")).isEqualTo(1L);
        assertThat(view.get("unmatched")).isEqualTo(1L);
        assertThat((Map<String, Long>) view.get("unmatchedByReason")).containsEntry("UNKNOWN_CUSTOMER", 1L);
        List<Map<String, Object>> series = (List<Map<String, Object>>) view.get("series");
        assertThat(series).hasSize(LiveModel.ORDER_BUCKETS);
        assertThat(series.get(series.size() - 1).get("t")).isEqualTo("2026-11-24T10:07:30Z"); // the bucket of now
        Map<String, Object> o2 = series.get(series.size() - 2);
        assertThat(o2.get("t")).isEqualTo("2026-11-24T10:07:25Z");
        assertThat(o2.get("unmatched")).isEqualTo(1L);
        assertThat(series.get(series.size() - 3).get("enriched")).isEqualTo(1L);
        List<Map<String, Object>> recent = (List<Map<String, Object>>) view.get("recent");
        assertThat(recent).extracting(o -> o.get("orderId")).containsExactly("o-2", "o-1");
        assertThat(recent.get(1).get("customerName")).isEqualTo("Ada");
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertsNewestFirstOnceEachBounded() {
        for (String id : List.of("t-1", "t-2", "t-3")) {
            model.accept(LiveModel.FRAUD_ALERTS, "u-1", node("{\"alertId\":\"" + id + ":VELOCITY\",\"userId\":\"u-1\",\"transactionId\":\""
                    + id + "\",\"rule\":\"VELOCITY\",\"amount\":-1.00,\"balance\":-3.00,\"timestamp\":\"2026-11-24T10:00:00Z\"}"));
        }
        long v = model.version("alerts");
        model.acceptAlertsFromApi(List.of(node("{\"alertId\":\"t-3:VELOCITY\",\"rule\":\"VELOCITY\"}"))); // seen: nothing changes
        assertThat(model.version("alerts")).isEqualTo(v);

        Map<String, Object> view = model.alerts();
        assertThat(view.get("total")).isEqualTo(3L);
        assertThat((Map<String, Long>) view.get("byRule")).containsEntry("VELOCITY", 3L);
        assertThat((List<Map<String, Object>>) view.get("recent")).extracting(a -> a.get("alertId"))
                .containsExactly("t-3:VELOCITY", "t-2:VELOCITY");
    }
}
