package dev.streamsuite.purchases;

import static dev.streamsuite.testsupport.ChildJvm.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Json;
import dev.streamsuite.model.PurchaseSummary;
import dev.streamsuite.purchases.topology.PurchaseTopology;
import dev.streamsuite.testsupport.ChildJvm;
import dev.streamsuite.testsupport.Http;
import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.KafkaClients;
import dev.streamsuite.testsupport.Prometheus;
import dev.streamsuite.testsupport.ServiceProcess;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The purchase-aggregator as users run it: its jar in a child JVM against a real broker. Scenarios run
 * in order on one data set: feed and query, bad and late input, a SIGKILL mid-stream, then a second
 * instance that answers for the same keys.
 */
@ExtendWith(KafkaBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PurchaseAggregatorIT {

    private static final long WINDOW = Duration.ofMinutes(5).toMillis();
    private static final List<String> USERS = users();
    private static final Random RANDOM = new Random(7);
    /** The event times the tests use lie within this much time from {@link #BASE}. */
    private static final long SPAN = Duration.ofMinutes(90).toMillis();
    private static final Instant BASE = base(System.currentTimeMillis() - Duration.ofHours(2).toMillis());

    /** Expected summaries, computed independently: (user, windowStart) → [count, total, min, max]. */
    private static final Map<String, BigDecimal[]> expected = new TreeMap<>();
    private static final List<String> lateIds = new ArrayList<>();
    private static String bootstrap;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static int sequence;

    private static List<String> users() {
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            users.add(String.format("u-%02d", i));
        }
        users.add("ユーザー-😀");
        return List.copyOf(users);
    }

    @BeforeAll
    static void startService() {
        bootstrap = KafkaBroker.bootstrapServers();
        first = ServiceProcess.of("purchase-aggregator", bootstrap, "--spring.kafka.streams.properties.session.timeout.ms=6000");
        first.startAndAwaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopServices() {
        ChildJvm.stopAll(second, first);
    }

    /**
     * A window start about two hours back, moved earlier where a segment of the summary store (about 12 hours
     * long) would begin within the tests' span: the restart with a retention of 35 minutes drops whole segments
     * that lie past it, and the windows it only hid are then expected back (measured: at 12:02 UTC the windows of
     * minute 0 lay in the segment before 10:02:30 and were gone).
     */
    private static Instant base(long around) {
        long start = around / WINDOW * WINDOW;
        long segment = PurchaseTopology.SUMMARY_SEGMENT_INTERVAL.toMillis();
        long nextSegment = (start / segment + 1) * segment;
        if (nextSegment <= start + SPAN) {
            start = (nextSegment - SPAN - WINDOW) / WINDOW * WINDOW;
        }
        return Instant.ofEpochMilli(start);
    }

    private static Instant at(long minutes, long millis) {
        if (minutes * 60_000 + millis > SPAN) {
            throw new IllegalArgumentException("beyond the span base() keeps clear of segment boundaries: raise SPAN");
        }
        return BASE.plus(Duration.ofMinutes(minutes)).plusMillis(millis);
    }

    private static String json(String id, String user, String amount, Instant time) {
        return "{\"purchaseId\":\"" + id + "\",\"userId\":\"" + user + "\",\"amount\":" + amount + ",\"timestamp\":\"" + time
                + "\",\"channel\":\"web\"}";
    }

    /**
     * Purchases of every user between two minutes after BASE, in time order with up to 30 s jitter back
     * (less than the grace, so none is late). Keyless purchases are repartitioned and interleave with
     * keyed ones of other input partitions, so they may be late; they are sent in a batch of their own
     * within one window's first minutes, where they cannot be.
     */
    private static List<Map.Entry<String, String>> purchases(long fromMinute, long toMinute, int perUser, boolean nullKeys) {
        List<Object[]> events = new ArrayList<>();
        for (String user : USERS) {
            for (int i = 0; i < perUser; i++) {
                long offset = fromMinute * 60_000 + (long) RANDOM.nextInt((int) ((toMinute - fromMinute) * 60_000));
                events.add(new Object[] {offset, user});
            }
        }
        events.sort((a, b) -> Long.compare((long) a[0], (long) b[0]));
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (Object[] e : events) {
            String user = (String) e[1];
            Instant time = at(0, Math.max(fromMinute * 60_000, (long) e[0] - RANDOM.nextInt(30_000)));
            String amount = BigDecimal.valueOf(1 + RANDOM.nextInt(9_999), 2).toPlainString();
            records.add(new SimpleEntry<>(nullKeys ? null : user, json("p-" + (++sequence), user, amount, time)));
            expect(user, time, new BigDecimal(amount));
        }
        return records;
    }

    private static void expect(String user, Instant time, BigDecimal amount) {
        long start = Math.floorDiv(time.toEpochMilli(), WINDOW) * WINDOW;
        expected.merge(user + "@" + Instant.ofEpochMilli(start), new BigDecimal[] {BigDecimal.ONE, amount, amount, amount},
                (a, b) -> new BigDecimal[] {a[0].add(b[0]), a[1].add(b[1]), a[2].min(b[2]), a[3].max(b[3])});
    }

    /** One purchase per user at a later time: moves stream time of every partition that holds users. */
    private static List<Map.Entry<String, String>> closing(long minute) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (String user : USERS) {
            Instant time = at(minute, 0);
            records.add(new SimpleEntry<>(user, json("p-" + (++sequence), user, "1.00", time)));
            expect(user, time, new BigDecimal("1.00"));
        }
        return records;
    }

    private static void awaitSummaries(ServiceProcess service, long windowsFromMinute, long windowsToMinute) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            Set<String> mismatched = new HashSet<>();
            for (var e : expected.entrySet()) {
                Instant start = Instant.parse(e.getKey().substring(e.getKey().indexOf('@') + 1));
                if (start.isBefore(at(windowsFromMinute, 0)) || !start.isBefore(at(windowsToMinute, 0))) {
                    continue;
                }
                mismatched.add(e.getKey());
            }
            Map<String, PurchaseSummary> actual = allSummaries(service);
            mismatched.removeIf(k -> actual.containsKey(k) && matches(actual.get(k), expected.get(k)));
            if (mismatched.isEmpty()) {
                return;
            }
            assertThat(System.nanoTime()).as("summaries still differ: %s", mismatched.stream().limit(5)
                    .map(k -> k + " expected " + Arrays.toString(expected.get(k)) + " was " + actual.get(k)).toList())
                    .isLessThan(deadline);
            sleep(500);
        }
    }

    private static Map<String, PurchaseSummary> allSummaries(ServiceProcess service) {
        return USERS.stream().flatMap(user -> {
            HttpResponse<String> r = Http.get(service.url("/api/users/" + encode(user) + "/summaries"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return Arrays.stream(Json.read(r.body().getBytes(StandardCharsets.UTF_8), PurchaseSummary[].class));
        }).collect(Collectors.toMap(s -> s.userId() + "@" + s.windowStart(), Function.identity()));
    }

    private static boolean matches(PurchaseSummary s, BigDecimal[] e) {
        return s.count() == e[0].longValue() && s.totalAmount().compareTo(e[1]) == 0 && s.minAmount().compareTo(e[2]) == 0
                && s.maxAmount().compareTo(e[3]) == 0 && s.windowEnd().toEpochMilli() - s.windowStart().toEpochMilli() == WINDOW;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    @Order(1)
    void summariesAreExactOverHttpAndLateOnesGoToTheLateTopic() {
        KafkaClients.send(bootstrap, "purchases", purchases(1, 3, 2, true));
        awaitSummaries(first, 0, 5);
        KafkaClients.send(bootstrap, "purchases", purchases(0, 15, 12, false));
        awaitSummaries(first, 0, 15);
        KafkaClients.send(bootstrap, "purchases", closing(20));
        awaitSummaries(first, 20, 25);

        List<Map.Entry<String, String>> late = new ArrayList<>();
        for (String user : USERS) {
            String id = "late-" + user;
            lateIds.add(id);
            late.add(new SimpleEntry<>(user, json(id, user, "999.00", at(1, 0))));
        }
        KafkaClients.send(bootstrap, "purchases", late);
        var lateRecords = KafkaClients.readAtLeast(bootstrap, "purchases-late", USERS.size(), Duration.ofSeconds(60));
        assertThat(lateRecords).hasSize(USERS.size());
        assertThat(lateRecords).allSatisfy(r -> {
            assertThat(r.headers()).containsEntry("late.window-start", BASE.toString());
            assertThat(r.value()).contains("\"purchaseId\":\"late-" + r.key() + "\"");
        });
        awaitSummaries(first, 0, 25); // late purchases changed nothing

        HttpResponse<String> latest = Http.get(first.url("/api/users/u-01/summaries/latest"));
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.headers().firstValue("X-Served-By")).contains(first.address());
        assertThat(latest.body()).contains("\"windowStart\":\"" + at(20, 0) + "\"");

        HttpResponse<String> ranged = Http.get(first.url("/api/users/u-01/summaries?from=" + at(5, 0) + "&to=" + at(10, 0)));
        List<String> starts = Json.MAPPER.readTree(ranged.body()).valueStream().map(n -> n.get("windowStart").asString()).toList();
        assertThat(starts).containsExactly(at(5, 0).toString(), at(10, 0).toString());
    }

    @Test
    @Order(2)
    void windowPagesContainEveryUserExactlyOnceInOrder() {
        assertThat(pageThrough(List.of(first), at(20, 0), 7)).containsExactlyElementsOf(USERS.stream().sorted().toList());
    }

    /** The userIds of every page of a window's summaries, following nextCursor, each page asked of the next instance. */
    private static List<String> pageThrough(List<ServiceProcess> instances, Instant windowStart, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ServiceProcess via = instances.get(pages++ % instances.size());
            HttpResponse<String> r = Http.get(via.url("/api/summaries?windowStart=" + windowStart + "&limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = Json.MAPPER.readTree(r.body());
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(item -> seen.add(item.get("userId").asString()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return seen;
    }

    @Test
    @Order(3)
    void badParametersAndUnknownKeysAreProblems() {
        assertProblem(Http.get(first.url("/api/users/u-01/summaries?from=yesterday")), 400, "from");
        assertProblem(Http.get(first.url("/api/users/u-01/summaries?from=" + at(10, 0) + "&to=" + at(5, 0))), 400, "after");
        assertProblem(Http.get(first.url("/api/summaries?windowStart=" + at(20, 0) + "&limit=0")), 400, "limit");
        assertProblem(Http.get(first.url("/api/summaries?windowStart=" + at(20, 0) + "&limit=1001")), 400, "limit");
        assertProblem(Http.get(first.url("/api/summaries?windowStart=" + at(20, 1))), 400, "window");
        assertProblem(Http.get(first.url("/api/summaries?windowStart=" + at(20, 0).plusNanos(1))), 400, "window");
        assertProblem(Http.get(first.url("/api/users/nobody/summaries/latest")), 404, "nobody");
        assertProblem(Http.get(first.url("/api/nope")), 404, "no endpoint GET /api/nope");
        assertThat(Http.get(first.url("/api/users/nobody/summaries")).body()).isEqualTo("[]");
        // what Tomcat rejects before Spring sees it, and a query string it cannot decode: problem+json all the same
        assertRawProblem("/api/users/u%zz/summaries", "percent-encode");
        assertRawProblem("/api/users/a|b/summaries/latest", "percent-encode");
        assertRawProblem("/api/users/u%00/summaries", "percent-encode");
        assertRawProblem("/api/summaries?windowStart=%zz", "query string");
        // a raw ';' starts a path parameter, which would be cut off: u-01's data for "u-01;x"
        assertRawProblem("/api/users/u-01;x/summaries/latest", "%3B");
        // an answer no controller writes carries the header too
        Http.RawResponse options = Http.raw(first.port(), "OPTIONS", "/api/users/u-01/summaries");
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.headers().get("allow")).contains("GET");
        assertThat(options.headers().get("x-served-by")).isEqualTo("localhost:" + first.port());
        HttpResponse<String> topology = Http.get(first.url("/api/topology"));
        assertThat(topology.body()).contains("purchases-window-aggregate").contains("purchases-by-user-repartition");
    }

    private static void assertProblem(HttpResponse<String> r, int status, String detailPart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("X-Served-By")).isPresent();
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).contains(detailPart);
    }

    private static void assertRawProblem(String target, String detailPart) {
        assertRawProblem(first, target, detailPart);
    }

    /** A 400 problem the instance answers itself (a request target java.net.URI refuses, sent as it is). */
    private static void assertRawProblem(ServiceProcess instance, String target, String detailPart) {
        Http.RawResponse r = Http.raw(instance.port(), target);
        assertThat(r.status()).as(target + " " + r.body()).isEqualTo(400);
        assertThat(r.headers().get("content-type")).as(target).startsWith("application/problem+json");
        assertThat(r.headers().get("x-served-by")).as(target).isEqualTo("localhost:" + instance.port());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("title").asString()).isEqualTo("Bad Request");
        assertThat(body.get("detail").asString()).contains(detailPart);
    }

    @Test
    @Order(4)
    void badInputGoesToTheDeadLetterTopicAndTheServiceKeepsRunning() {
        String mismatch = json("bad-1", "u-01", "5.00", at(21, 0));
        // as large as the broker's default 1 MB lets a producer send: with its headers, the dead letter is larger
        String huge = "x".repeat(1_048_400);
        KafkaClients.send(bootstrap, "purchases", List.of(new SimpleEntry<>("u-02", mismatch),
                new SimpleEntry<>("u-01", "{\"oops"),
                new SimpleEntry<>("u-01", json("bad-3", "u-01", "0", at(21, 0))),
                new SimpleEntry<>("u-03", huge)));
        var dead = KafkaClients.readAtLeast(bootstrap, "purchases.dlq", 4, Duration.ofSeconds(60));
        assertThat(dead).hasSize(4);
        assertThat(dead).filteredOn(r -> "u-03".equals(r.key())).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(huge));
        assertThat(dead).filteredOn(r -> "u-02".equals(r.key())).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(mismatch);
            assertThat(r.headers().get("error.reason")).contains("differs from userId");
            assertThat(r.headers()).containsEntry("error.source.topic", "purchases")
                    .containsKeys("error.source.partition", "error.source.offset");
        });
        assertThat(Http.get(first.url("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        // the first dead letters of this instance's life, each counted once under its reason
        String scrape = Http.get(first.url("/actuator/prometheus")).body();
        assertThat(Prometheus.sum(scrape, "suite_dlq_records_total", "topic=\"purchases\"")).isEqualTo(4);
        assertThat(Prometheus.sum(scrape, "suite_dlq_records_total", "reason=\"key-mismatch\"")).isEqualTo(1);
        assertThat(Prometheus.sum(scrape, "suite_dlq_records_total", "reason=\"invalid-json\"")).isEqualTo(2);
        assertThat(Prometheus.sum(scrape, "suite_dlq_records_total", "reason=\"out-of-range\"")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void aSigkillMidStreamLosesAndDoublesNothing() throws Exception {
        List<Map.Entry<String, String>> batch = purchases(25, 40, 10, false);
        String watched = batch.get(0).getKey();
        // slow enough (about 2.5 s) that the kill lands while records are still arriving and being processed
        CompletableFuture<Void> producing = CompletableFuture.runAsync(
                () -> KafkaClients.sendSlowly(bootstrap, "purchases", batch, 10, Duration.ofMillis(100)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Http.get(first.url("/api/users/" + encode(watched) + "/summaries?from=" + at(25, 0))).body().startsWith("[{")) {
            assertThat(System.nanoTime()).as("the service never started on the batch").isLessThan(deadline);
            sleep(20);
        }
        first.kill();
        assertThat(producing).as("the kill came after the whole batch was sent").isNotDone();
        first.startAndAwaitReady(Duration.ofSeconds(120));
        producing.get();
        awaitSummaries(first, 25, 40);
        KafkaClients.send(bootstrap, "purchases", closing(50));
        awaitSummaries(first, 0, 55);

        assertFinalsExactlyOnce(at(45, 0));
    }

    @Test
    @Order(6)
    void aRestartWithAnotherRetentionKeepsTheOpenWindows() {
        // stream time between minutes 55 and 64 on every partition: window 55 closed, window 60 open across a
        // restart with a retention of 35 minutes, which hides the windows ending by minute 20 and keeps those from 25 on
        KafkaClients.send(bootstrap, "purchases", purchases(55, 64, 4, false));
        awaitSummaries(first, 55, 65);
        ServiceProcess withDefaults = first;
        first.stop();
        first = withDefaults.withArgs("--purchases.retention=PT35M");
        first.startAndAwaitReady(Duration.ofSeconds(120));
        awaitSummaries(first, 25, 65);
        for (String user : USERS) {
            assertThat(Http.get(first.url("/api/users/" + encode(user) + "/summaries?to=" + at(15, 0))).body())
                    .as("%s's windows past the new retention", user).isEqualTo("[]");
        }
        KafkaClients.send(bootstrap, "purchases", purchases(64, 65, 2, false));
        awaitSummaries(first, 55, 65);
        KafkaClients.send(bootstrap, "purchases", closing(70));
        awaitSummaries(first, 35, 75); // stream time 70 now hides the windows ending by minute 35
        assertFinalsExactlyOnce(at(65, 0));
        // back to the default retention (P1D): what was only hidden, not yet dropped by the store, is answered again
        first.stop();
        first = withDefaults;
        first.startAndAwaitReady(Duration.ofSeconds(120));
        awaitSummaries(first, 0, 75);
    }

    /** Every (user, window) starting before {@code closedBefore} has exactly one final, with the expected values. */
    private static void assertFinalsExactlyOnce(Instant closedBefore) {
        int closedWindows = (int) expected.keySet().stream()
                .filter(k -> Instant.parse(k.substring(k.indexOf('@') + 1)).isBefore(closedBefore)).count();
        // the topic is shared with the other test classes' applications: look at this class's users only
        java.util.function.Function<List<KafkaClients.Read>, List<PurchaseSummary>> ours = reads -> reads.stream()
                .map(r -> Json.read(r.value().getBytes(StandardCharsets.UTF_8), PurchaseSummary.class))
                .filter(s -> USERS.contains(s.userId()))
                .toList();
        var finals = KafkaClients.readUntil(bootstrap, "purchase-summaries-final", r -> ours.apply(r).size() >= closedWindows,
                Duration.ofSeconds(3), Duration.ofSeconds(90));
        Map<String, List<PurchaseSummary>> byWindow = ours.apply(finals).stream()
                .collect(Collectors.groupingBy(s -> s.userId() + "@" + s.windowStart()));
        assertThat(byWindow).hasSize(closedWindows);
        byWindow.forEach((window, records) -> {
            assertThat(records).as("finals of %s", window).hasSize(1);
            assertThat(matches(records.get(0), expected.get(window))).as("final of %s: %s", window, records.get(0)).isTrue();
        });
    }

    @Test
    @Order(7)
    void twoInstancesAnswerEveryKeyIdenticallyAndForwardToTheOwner() {
        second = ServiceProcess.of("purchase-aggregator", bootstrap, "--spring.kafka.streams.properties.session.timeout.ms=6000");
        second.startAndAwaitReady(Duration.ofSeconds(120));
        awaitBothReady();
        Set<String> owners = new HashSet<>();
        for (String user : USERS) {
            HttpResponse<String> a = Http.get(first.url("/api/users/" + encode(user) + "/summaries"));
            HttpResponse<String> b = Http.get(second.url("/api/users/" + encode(user) + "/summaries"));
            assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
            assertThat(b.body()).isEqualTo(a.body());
            assertThat(b.headers().firstValue("X-Served-By")).isEqualTo(a.headers().firstValue("X-Served-By"));
            owners.add(a.headers().firstValue("X-Served-By").orElseThrow());
        }
        assertThat(owners).containsExactlyInAnyOrder(first.address(), second.address());
        for (String user : USERS) {
            // the owner negotiates a forwarded key's answer with the user's Accept, as it does its own
            String path = "/api/users/" + encode(user) + "/summaries";
            for (ServiceProcess instance : List.of(first, second)) {
                HttpResponse<String> notAcceptable = Http.get(instance.url(path), "Accept", "application/xml");
                assertThat(notAcceptable.statusCode()).as(user).isEqualTo(406);
                assertThat(notAcceptable.headers().firstValue("Accept")).as("what the owner can give").isPresent();
                // data is application/json even to a client that accepts only the errors' type
                HttpResponse<String> data = Http.get(instance.url(path), "Accept", "application/problem+json");
                assertThat(data.statusCode()).isEqualTo(200);
                assertThat(data.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
                // the same 400 problem from the owner and from an instance that would forward
                assertRawProblem(instance, path + "?x=%ZZ", "the query string is not valid");
                assertProblem(Http.get(instance.url(path), "Accept", "garbage"), 400, "the Accept header is not valid");
            }
            // the instances' own header, set by a client, is refused: it would read one partition's store and
            // answer "no summaries" for the others
            for (int p = 0; p < 6; p++) {
                assertProblem(Http.get(first.url(path), "X-Forwarded-Query", "key;p=" + p + ";stale=false"), 400,
                        "set by the instances for each other only");
            }
        }
        for (ServiceProcess instance : List.of(first, second)) {
            assertProblem(Http.get(instance.url("/api/users/%20/summaries")), 400, "the id in the path must not be blank");
            assertProblem(Http.get(instance.url("/api/users/" + "u".repeat(257) + "/summaries/latest")), 400,
                    "is longer than 256 characters");
            assertThat(Http.get(instance.url("/api/users/" + "u".repeat(256) + "/summaries")).body()).isEqualTo("[]");
            assertRawProblem(instance, "/api/topology?x=%ZZ", "the query string is not valid");
            // checked before the key is looked up: the same 400 for a key nobody has
            assertProblem(Http.get(instance.url("/api/users/nobody/summaries/latest"), "Accept", "garbage"), 400,
                    "the Accept header is not valid");
        }
        awaitSummaries(second, 0, 75);
        assertProblem(Http.get(second.url("/api/summaries?windowStart=" + at(50, 0) + "&limit=1000"),
                "X-Forwarded-Query", "list;p=0;stale=false", "X-Forwarded-Token", "guess"), 400, "for each other only");

        HttpResponse<String> gathered = Http.get(second.url("/api/summaries?windowStart=" + at(50, 0) + "&limit=1000"));
        assertThat(gathered.headers().firstValue("X-Served-By").orElseThrow().split(","))
                .containsExactlyInAnyOrder(first.address(), second.address());
        List<String> users = new ArrayList<>();
        Json.MAPPER.readTree(gathered.body()).get("items").forEach(i -> users.add(i.get("userId").asString()));
        assertThat(users).containsExactlyElementsOf(USERS.stream().sorted().toList());
        // a cursor of one instance's page continues at the other instance
        assertThat(pageThrough(List.of(first, second), at(50, 0), 4)).containsExactlyElementsOf(USERS.stream().sorted().toList());
    }

    /** Readiness of both, then until both own partitions (the second joins with a rebalance). */
    private static void awaitBothReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = Http.get(first.url("/api/summaries?windowStart=" + at(50, 0) + "&limit=1"));
            if (r.statusCode() == 200 && r.headers().firstValue("X-Served-By").orElse("").contains(",")
                    && Http.get(first.url("/actuator/health/readiness")).statusCode() == 200
                    && Http.get(second.url("/actuator/health/readiness")).statusCode() == 200) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError("two instances never shared the work:\n" + first.tail(20) + "\n" + second.tail(20));
    }
}
