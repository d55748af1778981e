package dev.streamsuite.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler(2);

    @Test
    void kafkaStreamsStoppingDuringAQueryIsA503() {
        ResponseEntity<ProblemDetail> answer = handler.notRunning(
                new IllegalStateException("KafkaStreams is not running. State is PENDING_SHUTDOWN."));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(answer.getBody().getDetail()).contains("PENDING_SHUTDOWN");
    }

    @Test
    void anyOtherIllegalStateIsUnexpected() {
        ResponseEntity<ProblemDetail> answer = handler.notRunning(new IllegalStateException("something else"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).isEqualTo("unexpected error; see the service log");
    }
}
