package dev.streamsuite.runtime.query;

import dev.streamsuite.runtime.streams.StreamsRunner;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/topology}: the service's topology as Kafka Streams describes it. */
@RestController
public class TopologyController {

    private final String description;

    public TopologyController(StreamsRunner runner) {
        this.description = runner.service().topology().describe().toString();
    }

    @GetMapping(path = "/api/topology", produces = MediaType.TEXT_PLAIN_VALUE)
    public String topology(HttpServletRequest request) {
        Params.checkRequest(request);
        return description;
    }
}
