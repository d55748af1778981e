package dev.streamsuite.runtime.query;

import org.springframework.http.HttpStatus;

/** An expected failure of a query, rendered as {@code application/problem+json}; carries no stack trace. */
public final class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Integer retryAfterSeconds;

    private ApiException(HttpStatus status, String detail, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
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
}
