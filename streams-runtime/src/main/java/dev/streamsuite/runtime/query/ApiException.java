package dev.streamsuite.runtime.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An expected failure of a query, rendered as {@code application/problem+json}; carries no stack trace. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Integer retryAfterSeconds;
    private final Map<String, String> headers;

    private ApiException(HttpStatus status, String detail, Integer retryAfterSeconds, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.headers = headers;
    }

    private ApiException(HttpStatus status, String detail, Integer retryAfterSeconds) {
        this(status, detail, retryAfterSeconds, Map.of());
    }

    /** The same error with one more response header (e.g. which copy answered a 404). */
    public ApiException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiException(status, getMessage(), retryAfterSeconds, Map.copyOf(more));
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail, null);
    }

    public static ApiException unavailable(String detail, int retryAfterSeconds) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail, retryAfterSeconds);
    }

    public HttpStatus status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
