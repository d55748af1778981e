package dev.streamsuite.dashboard;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The page's data: a Server-Sent Events stream and the same state as one JSON document. */
@RestController
class DashboardController {

    private final LivePush push;

    DashboardController(LivePush push) {
        this.push = push;
    }

    /** Events {@code purchases}, {@code orders}, {@code alerts}, {@code operations}; each carries that part's JSON. */
    @GetMapping(path = "/api/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        return push.subscribe();
    }

    /** Everything the page shows, now: {@code {"purchases":…,"orders":…,"alerts":…,"operations":…}}. */
    @GetMapping("/api/state")
    Map<String, Object> state() {
        return push.state();
    }
}
