package dev.streamsuite.purchases.api;

import dev.streamsuite.model.PurchaseSummary;
import dev.streamsuite.purchases.config.PurchaseProperties;
import dev.streamsuite.purchases.topology.PurchaseTopology;
import dev.streamsuite.purchases.topology.WindowTotals;
import dev.streamsuite.runtime.query.ApiException;
import dev.streamsuite.runtime.query.InteractiveQueries;
import dev.streamsuite.runtime.query.Page;
import dev.streamsuite.runtime.query.Params;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Summaries by user (forwarded to the owning instance) and by window (gathered from all instances). */
@RestController
public class SummaryController {

    /** Far enough for any event time the suite accepts, small enough for the window store's arithmetic. */
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final InteractiveQueries queries;
    private final long windowSizeMs;

    public SummaryController(InteractiveQueries queries, PurchaseProperties properties) {
        this.queries = queries;
        this.windowSizeMs = properties.windowSize().toMillis();
    }

    @GetMapping("/api/users/{userId}/summaries")
    public ResponseEntity<?> summaries(@PathVariable String userId, @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to, HttpServletRequest request) {
        Instant fromTime = Params.instant("from", from);
        Instant toTime = Params.instant("to", to);
        Params.ordered(fromTime, toTime);
        return queries.byKey(PurchaseTopology.SUMMARY_STORE, userId, request,
                () -> Optional.of(fetch(userId, fromTime == null ? Instant.EPOCH : fromTime, toTime == null ? END_OF_TIME : toTime)),
                "");
    }

    @GetMapping("/api/users/{userId}/summaries/latest")
    public ResponseEntity<?> latest(@PathVariable String userId, HttpServletRequest request) {
        return queries.byKey(PurchaseTopology.SUMMARY_STORE, userId, request, () -> {
            try (WindowStoreIterator<WindowTotals> newestFirst = store().backwardFetch(userId, Instant.EPOCH, END_OF_TIME)) {
                return newestFirst.hasNext() ? Optional.of(summary(userId, newestFirst.next())) : Optional.empty();
            }
        }, "no purchase summary for user '" + userId + "'");
    }

    @GetMapping("/api/summaries")
    public Object window(@RequestParam(required = false) String windowStart, @RequestParam(required = false) String limit,
                         @RequestParam(required = false) String cursor, HttpServletRequest request) {
        Instant start = Params.instant("windowStart", windowStart);
        if (start == null) {
            throw ApiException.badRequest("parameter 'windowStart' is required, e.g. windowStart=2026-11-24T10:00:00Z");
        }
        if (start.toEpochMilli() % windowSizeMs != 0) {
            throw ApiException.badRequest("parameter 'windowStart' " + start + " is not the start of a window (windows are "
                    + windowSizeMs + " ms long, aligned to the epoch)");
        }
        int pageSize = Params.limit(limit, 100);
        String after = Page.decodeCursor(cursor);
        return queries.gather(PurchaseTopology.SUMMARY_STORE, request, PurchaseSummary.class,
                () -> fetchWindow(start),
                all -> Page.of(all, Comparator.comparing(PurchaseSummary::userId), PurchaseSummary::userId, after, pageSize));
    }

    private List<PurchaseSummary> fetch(String userId, Instant from, Instant to) {
        List<PurchaseSummary> result = new ArrayList<>();
        try (WindowStoreIterator<WindowTotals> it = store().fetch(userId, from, to)) {
            it.forEachRemaining(kv -> result.add(summary(userId, kv)));
        }
        return result;
    }

    private List<PurchaseSummary> fetchWindow(Instant start) {
        List<PurchaseSummary> result = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, WindowTotals> it = store().fetchAll(start, start)) {
            it.forEachRemaining(kv -> result.add(kv.value.summary(kv.key.key(), kv.key.window().start(), windowSizeMs)));
        }
        return result;
    }

    /** The store holds figures only; user and window come from the key and the window's start. */
    private PurchaseSummary summary(String userId, KeyValue<Long, WindowTotals> window) {
        return window.value.summary(userId, window.key, windowSizeMs);
    }

    private ReadOnlyWindowStore<String, WindowTotals> store() {
        return queries.localStore(PurchaseTopology.SUMMARY_STORE, QueryableStoreTypes.windowStore());
    }
}
