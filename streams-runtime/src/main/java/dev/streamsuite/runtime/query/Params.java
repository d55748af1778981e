package dev.streamsuite.runtime.query;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Query parameter checks shared by the services' endpoints; every failure is a 400 problem. */
public final class Params {

    public static final int MAX_LIMIT = 1000;

    /**
     * The instants a query may name: the four-digit years of ISO-8601. Beyond them the stores' millisecond
     * arithmetic would overflow (a 500 instead of a 400); no event time the suite accepts lies there.
     */
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Params() {
    }

    /**
     * An optional ISO-8601 instant with offset; null when absent. A space is read as '+': an unencoded
     * {@code ?from=2026-11-24T10:00:00+01:00} arrives with a space there (a '+' in a query string means a space),
     * and an instant never contains one.
     */
    public static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("parameter '" + name + "' is not an ISO-8601 instant such as 2026-11-24T10:00:00Z: '"
                    + value + "'");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiException.badRequest("parameter '" + name + "' must lie from " + EARLIEST + " to " + LATEST + ": '"
                    + value + "'");
        }
        return instant;
    }

    /**
     * Checks what every API call carries, first, so that each instance gives the same 400 whatever the key: the query
     * string must decode (Tomcat decodes it only when a parameter is first read, and a forward of the request would
     * fail on it) and the {@code Accept} header must parse (Spring reads it only to write an answer it negotiates).
     */
    public static void checkRequest(HttpServletRequest request) {
        request.getParameterMap();
        String problem = acceptProblem(request);
        if (problem != null) {
            throw ApiException.badRequest(problem);
        }
    }

    /** Why the request's {@code Accept} header cannot be parsed, or null when it can (or is absent). */
    static String acceptProblem(HttpServletRequest request) {
        try {
            MediaType.parseMediaTypes(String.join(", ", Collections.list(request.getHeaders(HttpHeaders.ACCEPT))));
            return null;
        } catch (InvalidMediaTypeException e) {
            return "the Accept header is not valid (" + e.getMessage() + "); the API answers data as application/json "
                    + "(the topology as text/plain) and errors as application/problem+json";
        }
    }

    /** A limit in 1..1000, or the default when absent. */
    public static int limit(String value, int defaultLimit) {
        if (value == null || value.isEmpty()) {
            return defaultLimit;
        }
        int limit;
        try {
            // ASCII digits only: parseInt also takes other scripts' digits ('٥' is 5) and a sign
            if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException(value);
            }
            limit = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("parameter 'limit' must be a whole number from 1 to " + MAX_LIMIT + ": '" + value + "'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("parameter 'limit' must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    public static void ordered(Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.badRequest("parameter 'from' (" + from + ") lies after 'to' (" + to + ")");
        }
    }
}
