package dev.streamsuite.runtime.query;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Calls another instance with the user's request path and a {@link QueryScope}: pooled HTTP/1.1 client
 * with timeouts, one retry on connection failures (not on a peer that accepted and did not answer in time), and a circuit breaker per peer so a dead instance
 * costs one fast failure instead of a timeout per request. Only hosts from Kafka Streams metadata (this
 * run's, or for a relayed request the last run's) are ever passed in.
 */
final class Forwarder {

    private static final Logger log = LoggerFactory.getLogger(Forwarder.class);

    /**
     * Marks a user's request that an instance without an assignment passed on whole: the instance that gets it
     * answers it as any user's request but never passes it on that way again, so two such instances cannot call
     * each other in a circle. It grants nothing, so it needs no token.
     */
    static final String RELAYED_HEADER = "X-Relayed-Query";

    /** The peer cannot answer now (down, breaker open, or it answered 503): try another copy. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final RestClient client;
    private final CircuitBreakerRegistry breakers;
    /** Relays' own: a relay waits for a peer that may forward in turn, and its timeouts must not open the forwards' breaker. */
    private final CircuitBreakerRegistry relayBreakers;
    private final Retry retry;
    private final Supplier<String> token;
    private final Set<String> uncallableLogged = ConcurrentHashMap.newKeySet();

    Forwarder(RestClient client, Supplier<String> token) {
        this.client = client;
        this.token = token;
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(3))
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordExceptions(ResourceAccessException.class)
                .build();
        this.breakers = CircuitBreakerRegistry.of(breakerConfig);
        this.relayBreakers = CircuitBreakerRegistry.of(breakerConfig);
        this.retry = Retry.of("forward", RetryConfig.custom()
                .maxAttempts(2)
                .waitDuration(Duration.ofMillis(100))
                // a peer that accepted the connection and then did not answer in time is not asked twice: that
                // would double the wait (measured: 10 s with a 5 s forward-timeout against a SIGSTOPped peer)
                .retryOnException(e -> e instanceof ResourceAccessException && !(e.getCause() instanceof SocketTimeoutException))
                .build());
    }

    /** GETs the same path on {@code host}; a 503 or an unreachable host is {@link Unavailable}. */
    ResponseEntity<byte[]> get(HostInfo host, HttpServletRequest request, QueryScope scope) {
        // a key's answer goes back to the user as the owner wrote it, so the owner negotiates it with the user's
        // Accept; a list part is read by this instance, as JSON
        String accept = scope.list() ? null : accept(request);
        return call(breakers, host, request, h -> {
            h.set(QueryScope.HEADER, scope.header());
            h.set(QueryScope.TOKEN_HEADER, token.get());
            if (accept != null) {
                h.set(HttpHeaders.ACCEPT, accept);
            }
        });
    }

    /**
     * GETs the same path on {@code host} as the user asked it, marked as relayed (see {@link #RELAYED_HEADER}); its
     * answer goes back to the user as it is. A 503 or an unreachable host is {@link Unavailable}.
     */
    ResponseEntity<byte[]> relay(HostInfo host, HttpServletRequest request) {
        String accept = accept(request);
        ResponseEntity<byte[]> answer = call(relayBreakers, host, request, h -> {
            h.set(RELAYED_HEADER, "true");
            if (accept != null) {
                h.set(HttpHeaders.ACCEPT, accept);
            }
        });
        // the suite's answers name who served them; a server error, or anything else at that address now, is no answer
        if (answer.getStatusCode().is5xxServerError() || !answer.getHeaders().containsHeader(ServedBy.HEADER)) {
            throw new Unavailable(QueryHosts.address(host) + " answered " + answer.getStatusCode().value());
        }
        return answer;
    }

    /** Every {@code Accept} line of the request, as Spring's own negotiation reads them; null without any. */
    private static String accept(HttpServletRequest request) {
        List<String> lines = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        return lines.isEmpty() ? null : String.join(", ", lines);
    }

    private ResponseEntity<byte[]> call(CircuitBreakerRegistry registry, HostInfo host, HttpServletRequest request,
                                        Consumer<HttpHeaders> headers) {
        URI target = target(host, request);
        CircuitBreaker breaker = registry.circuitBreaker(QueryHosts.address(host));
        Supplier<ResponseEntity<byte[]>> call = () -> client.get().uri(target)
                .headers(headers)
                .exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
                        .headers(h -> copy(res.getHeaders(), h))
                        .body(res.getBody().readAllBytes()));
        ResponseEntity<byte[]> answer;
        try {
            answer = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
        } catch (CallNotPermittedException e) {
            throw new Unavailable(QueryHosts.address(host) + " is failing (circuit open)");
        } catch (ResourceAccessException e) {
            log.warn("Instance {} does not answer: {}", QueryHosts.address(host), e.getMessage());
            throw new Unavailable(QueryHosts.address(host) + " does not answer");
        }
        if (answer.getStatusCode().isSameCodeAs(HttpStatus.SERVICE_UNAVAILABLE)) {
            throw new Unavailable(QueryHosts.address(host) + " cannot answer right now");
        }
        return answer;
    }

    private static void copy(HttpHeaders from, HttpHeaders to) {
        // Accept: what a 406 says the owner can give
        for (String name : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, ServedBy.HEADER,
                InteractiveQueries.SERVED_FROM_HEADER, InteractiveQueries.STANDBY_LAG_HEADER)) {
            String value = from.getFirst(name);
            if (value != null) {
                to.set(name, value);
            }
        }
    }

    private URI target(HostInfo host, HttpServletRequest request) {
        String address = QueryHosts.address(host);
        if (!QueryHosts.callable(host)) {
            // once per address: every query for its keys comes here
            if (uncallableLogged.add(address)) {
                log.warn("Instance {} cannot be called: its application.server is not host:port with a port from 1 to 65535",
                        address);
            }
            throw new Unavailable(address + " has no valid address");
        }
        String query = request.getQueryString();
        try {
            return URI.create("http://" + address + request.getRequestURI() + (query == null ? "" : "?" + query));
        } catch (IllegalArgumentException e) {
            // what Tomcat let through but a URI refuses (its decoding already refused bad escapes)
            throw ApiException.badRequest(ProblemHandler.BAD_QUERY);
        }
    }
}
