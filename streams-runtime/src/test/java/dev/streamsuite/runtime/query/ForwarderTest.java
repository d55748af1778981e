package dev.streamsuite.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.client.RestClient;

/** The calls to other instances against stub HTTP servers: what a forward and a relay send, and what counts as an answer. */
class ForwarderTest {

    private final Forwarder forwarder = new Forwarder(RestClient.create(), () -> "the-token");
    private final Map<String, List<String>> seen = new ConcurrentHashMap<>();
    private HttpServer server;

    /** A stub instance answering every GET with {@code status}, {@code headers} and {@code body}, noting what it got. */
    private HostInfo stub(int status, Map<String, String> headers, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.put("uri", List.of(exchange.getRequestURI().toString()));
            exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values));
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return new HostInfo("127.0.0.1", server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static MockHttpServletRequest request(String... accept) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/balances/u-1");
        request.setQueryString("x=1");
        for (String line : accept) {
            request.addHeader("Accept", line);
        }
        return request;
    }

    @Test
    void aRelayPassesTheUsersRequestWholeMarkedAsRelayedAndItsAnswerBackAsItIs() throws IOException {
        HostInfo peer = stub(404, Map.of("Content-Type", "application/problem+json", ServedBy.HEADER, "peer:1",
                InteractiveQueries.SERVED_FROM_HEADER, "standby"), "{\"status\":404}");
        ResponseEntity<byte[]> answer = forwarder.relay(peer, request("text/csv", "application/json;q=0.5"));

        assertThat(seen.get("uri")).containsExactly("/api/balances/u-1?x=1");
        assertThat(seen.get(Forwarder.RELAYED_HEADER.toLowerCase())).containsExactly("true");
        assertThat(String.join(", ", seen.get("accept"))).isEqualTo("text/csv, application/json;q=0.5");
        // a relay is a user's request: it grants nothing that a forward's scope and token would
        assertThat(seen).doesNotContainKeys(QueryScope.HEADER.toLowerCase(), QueryScope.TOKEN_HEADER.toLowerCase());

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":404}");
        assertThat(answer.getHeaders().getFirst("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.getHeaders().getFirst(ServedBy.HEADER)).isEqualTo("peer:1");
        assertThat(answer.getHeaders().getFirst(InteractiveQueries.SERVED_FROM_HEADER)).isEqualTo("standby");
    }

    @Test
    void aRelayedServerErrorA503OrAnAnswerThatNamesNoInstanceIsNoAnswer() throws IOException {
        for (int status : new int[] {500, 503}) {
            HostInfo peer = stub(status, Map.of(ServedBy.HEADER, "peer:1"), "");
            assertThatThrownBy(() -> forwarder.relay(peer, request())).as("status %d", status)
                    .isInstanceOf(Forwarder.Unavailable.class);
            stop();
        }
        // something else listening at an instance's old address
        HostInfo other = stub(200, Map.of("Content-Type", "text/html"), "<html/>");
        assertThatThrownBy(() -> forwarder.relay(other, request())).isInstanceOf(Forwarder.Unavailable.class)
                .hasMessageContaining("answered 200");
    }

    @Test
    void aForwardCarriesItsScopeAndTokenAndTheUsersAcceptOnlyForAKey() throws IOException {
        HostInfo peer = stub(200, Map.of(ServedBy.HEADER, "peer:1"), "[]");
        forwarder.get(peer, request("text/csv"), new QueryScope(false, List.of(3), false));
        assertThat(seen.get(QueryScope.HEADER.toLowerCase())).containsExactly("key;p=3;stale=false");
        assertThat(seen.get(QueryScope.TOKEN_HEADER.toLowerCase())).containsExactly("the-token");
        assertThat(seen.get("accept")).containsExactly("text/csv");
        assertThat(seen).doesNotContainKey(Forwarder.RELAYED_HEADER.toLowerCase());

        seen.clear();
        // a list's part is read by this instance, as JSON: the user's Accept is not the peer's business
        forwarder.get(peer, request("text/csv"), new QueryScope(true, List.of(0, 4), true));
        assertThat(seen.get(QueryScope.HEADER.toLowerCase())).containsExactly("list;p=0,4;stale=true");
        assertThat(seen.getOrDefault("accept", List.of())).doesNotContain("text/csv");
    }

    @Test
    void relaysHaveCircuitBreakersOfTheirOwn() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HostInfo gone = new HostInfo("127.0.0.1", closedPort);
        assertThatThrownBy(() -> forwarder.relay(gone, request())).hasMessageContaining("does not answer");
        // two attempts a call (one retry on a refused connection): the breaker opens at the third failed attempt
        assertThatThrownBy(() -> forwarder.relay(gone, request())).hasMessageContaining("circuit open");
        // forwards to that address are still tried: a relay's failures (a peer that may itself be forwarding) do not
        // open the breaker that forwards to a healthy owner use
        assertThatThrownBy(() -> forwarder.get(gone, request(), new QueryScope(false, List.of(0), false)))
                .hasMessageContaining("does not answer");
    }
}
