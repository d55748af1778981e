package dev.streamsuite.purchases.api;

import dev.streamsuite.model.PurchaseSummary;
import dev.streamsuite.purchases.config.PurchaseProperties;
import dev.streamsuite.purchases.topology.PurchaseTopology;
import dev.streamsuite.purchases.topology.SummaryReader;
import dev.streamsuite.runtime.query.ApiException;
import dev.streamsuite.runtime.query.InteractiveQueries;
import dev.streamsuite.runtime.query.Page;
import dev.streamsuite.runtime.query.Params;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Summaries by user (forwarded to the owning instance) and by window (gathered from all instances). */
@RestController
public class SummaryController {

    private final InteractiveQueries queries;
    private final long windowSizeMs;
    private final long retentionMs;

    public SummaryController(InteractiveQueries queries, PurchaseProperties properties) {
        this.queries = queries;
        this.windowSizeMs = properties.windowSize().toMillis();
        this.retentionMs = properties.retention().toMillis();
    }

    @GetMapping("/api/users/{userId}/summaries")
    public ResponseEntity<?> summaries(@PathVariable String userId, @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to, HttpServletRequest request) {
        Instant fromTime = Params.instant("from", from);
        Instant toTime = Params.instant("to", to);
        Params.ordered(fromTime, toTime);
        return queries.byKey(PurchaseTopology.SUMMARY_STORE, userId, request,
                () -> Optional.of(reader().user(userId, fromTime, toTime)), "");
    }

    @GetMapping("/api/users/{userId}/summaries/latest")
    public ResponseEntity<?> latest(@PathVariable String userId, HttpServletRequest request) {
        return queries.byKey(PurchaseTopology.SUMMARY_STORE, userId, request, () -> reader().latest(userId),
                "no purchase summary for user '" + userId + "'");
    }

    @GetMapping("/api/summaries")
    public ResponseEntity<?> window(@RequestParam(required = false) String windowStart, @RequestParam(required = false) String limit,
                         @RequestParam(required = false) String cursor, HttpServletRequest request) {
        Instant start = Params.instant("windowStart", windowStart);
        if (start == null) {
            throw ApiException.badRequest("parameter 'windowStart' is required, e.g. windowStart=2026-11-24T10:00:00Z");
        }
        if (start.toEpochMilli() % windowSizeMs != 0 || start.getNano() % 1_000_000 != 0) {
            throw ApiException.badRequest("parameter 'windowStart' " + start + " is not the start of a window (windows are "
                    + windowSizeMs + " ms long, aligned to the epoch)");
        }
        int pageSize = Params.limit(limit, 100);
        // a cursor belongs to its window: in another one it would silently start after some user
        String after = Page.decodeCursor(cursor, start.toString());
        return queries.gather(PurchaseTopology.SUMMARY_STORE, request, PurchaseSummary.class,
                () -> reader().window(start),
                all -> Page.of(all, Comparator.comparing(PurchaseSummary::userId), PurchaseSummary::userId, after, pageSize,
                        start.toString()));
    }

    /** The stores of the partition (and copy) the query layer scoped this lookup to. */
    private SummaryReader reader() {
        return new SummaryReader(queries.localStore(PurchaseTopology.SUMMARY_STORE, QueryableStoreTypes.windowStore()),
                queries.localStore(PurchaseTopology.EMIT_STORE, QueryableStoreTypes.keyValueStore()), windowSizeMs, retentionMs);
    }
}
