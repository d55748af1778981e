package dev.streamsuite.runtime.query;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the API as RFC 9457 problem+json: the query layer's own (400, 404, 503 with
 * Retry-After), Spring MVC's (unknown path, bad parameter type) and, last, anything unexpected as a 500
 * whose detail hides internals.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    static final String BAD_QUERY = "the query string is not valid: write it as name=value pairs joined by '&', "
            + "each name non-empty, each %XX escape two hex digits of UTF-8";

    private final int retryAfterSeconds;

    public ProblemHandler(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ProblemDetail> api(ApiException e) {
        return problem(e.status(), e.getMessage(), e.retryAfterSeconds(), e.headers());
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    public ResponseEntity<ProblemDetail> notQueryable(InvalidStateStoreException e) {
        log.info("Store not queryable now: {}", e.getMessage());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "the state store is not queryable right now (rebalancing or restoring)",
                retryAfterSeconds);
    }

    /**
     * Kafka Streams' metadata calls throw this when it stopped running between the query layer's state check and
     * the call (a SIGTERM, measured in HighAvailabilityIT: a 500 on a forwarded key): the store is not queryable here.
     */
    @ExceptionHandler(IllegalStateException.class)
    public ResponseEntity<ProblemDetail> notRunning(IllegalStateException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("KafkaStreams is not running")) {
            log.info("Kafka Streams stopped during a query: {}", e.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Kafka Streams is not running on this instance right now ("
                    + e.getMessage() + ")", retryAfterSeconds);
        }
        return unexpected(e);
    }

    /** Tomcat decodes the query string when a parameter is first read, and throws this for {@code %zz} or bad UTF-8. */
    @ExceptionHandler(InvalidParameterException.class)
    public ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException e) {
        log.info("Query string not decodable: {}", e.getMessage());
        return problem(HttpStatus.BAD_REQUEST, BAD_QUERY, null);
    }

    /**
     * An {@code Accept} header that cannot be parsed is the client's error (400), where Spring answers 406 with an
     * empty body: it cannot pick a type for the body by that header either.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e, HttpHeaders headers,
                                                                      HttpStatusCode status, WebRequest request) {
        HttpServletRequest servlet = request instanceof NativeWebRequest web ? web.getNativeRequest(HttpServletRequest.class) : null;
        String problem = servlet == null ? null : Params.acceptProblem(servlet);
        if (problem != null) {
            log.info("Accept header not valid: {}", problem);
            ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, problem);
            return handleExceptionInternal(e, body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
        }
        return super.handleHttpMediaTypeNotAcceptable(e, headers, status, request);
    }

    /**
     * Spring's own errors (unknown path, method not allowed, …) typed as problem+json before they are written, as the
     * query layer's are: the body's type is then not negotiated, so no {@code Accept} header leaves an error without one.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        HttpHeaders typed = new HttpHeaders();
        typed.addAll(headers);
        if (body instanceof ProblemDetail) {
            typed.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return super.createResponseEntity(body, typed, statusCode, request);
    }

    /** Spring's own detail ("No static resource api/nope.") speaks of its internals; this one of the API. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no endpoint " + e.getHttpMethod()
                + " /" + e.getResourcePath() + " (the README lists the service's endpoints)");
        return handleExceptionInternal(e, body, headers, status, request);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error answering a query", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected error; see the service log", null);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, Integer retryAfter) {
        return problem(status, detail, retryAfter, Map.of());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, Integer retryAfter,
                                                         Map<String, String> headers) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        // typed here, not negotiated: an Accept header that cannot be parsed would leave the body unwritten
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfter));
        }
        headers.forEach(response::header);
        return response.body(body);
    }
}
