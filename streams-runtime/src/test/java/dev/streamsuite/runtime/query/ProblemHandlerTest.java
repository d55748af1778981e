package dev.streamsuite.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler(2);

    @Test
    void kafkaStreamsStoppingDuringAQueryIsA503() {
        ResponseEntity<ProblemDetail> answer = handler.notRunning(
                new IllegalStateException("KafkaStreams is not running. State is PENDING_SHUTDOWN."));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        // typed, not negotiated: written as problem+json whatever the Accept header
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
        assertThat(answer.getBody().getDetail()).contains("PENDING_SHUTDOWN");
    }

    @Test
    void anyOtherIllegalStateIsUnexpected() {
        ResponseEntity<ProblemDetail> answer = handler.notRunning(new IllegalStateException("something else"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).isEqualTo("unexpected error; see the service log");
    }

    @Test
    void aNotFoundFromAStandbyCopySaysSo() {
        ResponseEntity<ProblemDetail> answer = handler.api(ApiException.notFound("no balance for user 'u-1'")
                .withHeader(InteractiveQueries.SERVED_FROM_HEADER, "standby")
                .withHeader(InteractiveQueries.STANDBY_LAG_HEADER, "1"));

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getHeaders().getFirst(InteractiveQueries.SERVED_FROM_HEADER)).isEqualTo("standby");
        assertThat(answer.getHeaders().getFirst(InteractiveQueries.STANDBY_LAG_HEADER)).isEqualTo("1");
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
        assertThat(answer.getBody().getDetail()).isEqualTo("no balance for user 'u-1'");
    }
}
