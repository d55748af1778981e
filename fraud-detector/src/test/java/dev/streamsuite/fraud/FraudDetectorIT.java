package dev.streamsuite.fraud;

import static dev.streamsuite.testsupport.ChildJvm.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.fraud.topology.FraudDriver;
import dev.streamsuite.fraud.topology.RuleSettings;
import dev.streamsuite.model.Json;
import dev.streamsuite.testsupport.ChildJvm;
import dev.streamsuite.testsupport.Http;
import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.KafkaClients.Read;
import dev.streamsuite.testsupport.KafkaClients;
import dev.streamsuite.testsupport.Prometheus;
import dev.streamsuite.testsupport.ServiceProcess;
import dev.streamsuite.testsupport.TempDirs;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The fraud-detector jar against a real broker: exact balances over HTTP, each NEGATIVE_BALANCE alert
 * exactly once in fraud-alerts (read_committed), bad records in the DLQ, the alert lists over HTTP; then
 * a SIGKILL in the middle of a stream, a restart on the same state directory, and the same checks; then a
 * second instance, and every answer again from both, also for ids that need percent-encoding in a path; the
 * second instance frozen (SIGSTOP) past its session timeout and resumed; a second instance SIGKILLed and restarted,
 * answering through the first before its first assignment; last the broker SIGKILLed under load. The scenarios build
 * on each other and run in order.
 */
@ExtendWith(KafkaBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FraudDetectorIT {

    private static final Duration CONVERGE = Duration.ofMinutes(3);
    private static final Comparator<JsonNode> NEWEST_FIRST = Comparator
            .comparing((JsonNode a) -> Instant.parse(a.get("timestamp").stringValue())).reversed()
            .thenComparing(a -> a.get("alertId").stringValue());

    private static String bootstrap;
    private static ServiceProcess service;
    private static ServiceProcess second;
    private static TransactionScenario scenario;

    @BeforeAll
    static void start() {
        bootstrap = KafkaBroker.bootstrapServers();
        service = ServiceProcess.of("fraud-detector", bootstrap,
                "--spring.kafka.streams.properties.session.timeout.ms=6000")
                .startAndAwaitReady(Duration.ofMinutes(2));
        scenario = new TransactionScenario(40, Instant.now().minus(Duration.ofMinutes(30)));
    }

    @AfterAll
    static void stop() {
        ChildJvm.stopAll(second, service);
    }

    @Test
    @Order(1)
    void balancesAndNegativeBalanceAlertsAreExact() {
        KafkaClients.send(bootstrap, "transactions", scenario.batch(400, 0.08, 0.06));
        assertThat(scenario.duplicates()).isPositive();
        assertThat(scenario.invalid()).isPositive();

        awaitBalances(service);
        List<Read> alerts = awaitAlerts();
        assertAlertsExactlyOnce(alerts);
        assertDeadLetters();
    }

    @Test
    @Order(2)
    void httpServesTheAlertListsAndTheContractsErrors() {
        assertAlertLists(service, List.of(service.address()));

        assertThat(Http.get(service.url("/api/topology")).body()).contains("fraud-rules", "balances-store",
                "transaction-ids-store", "alerts-store", "fraud-alerts");
        String scrape = Http.get(service.url("/actuator/prometheus")).body();
        // test 1's records, all read once by this instance: its alerts and dead letters counted exactly
        assertThat(Prometheus.sum(scrape, "suite_alerts_total", "rule=\"NEGATIVE_BALANCE\""))
                .isEqualTo(scenario.negativeAlerts().size());
        assertThat(Prometheus.sum(scrape, "suite_dlq_records_total", "topic=\"transactions\"")).isEqualTo(scenario.invalid());
        // every re-sent transaction of test 1 (all read by this instance, within the retention) counted once
        assertThat(Prometheus.sum(scrape, "suite_duplicate_records_total", "topic=\"transactions\""))
                .isEqualTo(scenario.duplicates());
        // every RocksDB store of every task within the one budget of the instance (suite.rocksdb.memory, 128MB);
        // Micrometer adds Kafka metrics registered after start-up, such as the stores', once a minute
        String stores = awaitScrapeWith("kafka_stream_state_block_cache_capacity", 18);
        assertThat(Prometheus.values(stores, "kafka_stream_state_block_cache_capacity", "rocksdb_window_state_id=\"transaction-ids-store\""))
                .hasSize(6);
        assertThat(Prometheus.values(stores, "kafka_stream_state_block_cache_capacity")).hasSize(18)
                .containsOnly(128.0 * 1024 * 1024);

        HttpResponse<String> unknown = Http.get(service.url("/api/balances/nobody"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(Json.MAPPER.readTree(unknown.body()).get("status").intValue()).isEqualTo(404);
        assertThat(Http.get(service.url("/api/users/nobody/alerts")).body()).isEqualTo("[]");
        for (String bad : List.of("0", "1001", "abc")) {
            HttpResponse<String> r = Http.get(service.url("/api/alerts?limit=" + bad));
            assertThat(r.statusCode()).as("limit=%s", bad).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).get("detail").stringValue()).contains("limit");
        }
    }

    /**
     * Every user's alerts and the newest alerts over HTTP of {@code instance} equal what fraud-alerts holds;
     * the gathered list names {@code servedBy}.
     */
    private static void assertAlertLists(ServiceProcess instance, List<String> servedBy) {
        List<JsonNode> alerts = awaitAlerts().stream().map(r -> Json.MAPPER.readTree(r.value())).toList();
        Map<String, List<JsonNode>> byUser = alerts.stream().collect(Collectors.groupingBy(a -> a.get("userId").stringValue()));
        for (String user : scenario.balances().keySet()) {
            HttpResponse<String> r = Http.get(instance.url("/api/users/" + user + "/alerts"));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Served-By")).isPresent();
            List<String> expected = byUser.getOrDefault(user, List.of()).stream().sorted(NEWEST_FIRST)
                    .map(a -> a.get("alertId").stringValue()).toList();
            assertThat(ids(r.body())).as("alerts of %s", user).isEqualTo(expected);
        }
        List<String> newest = alerts.stream().sorted(NEWEST_FIRST).map(a -> a.get("alertId").stringValue()).toList();
        assertThat(ids(Http.get(instance.url("/api/alerts?limit=25")).body())).isEqualTo(newest.subList(0, 25));
        assertThat(ids(Http.get(instance.url("/api/alerts")).body())).isEqualTo(newest.subList(0, Math.min(100, newest.size())));
        HttpResponse<String> all = Http.get(instance.url("/api/alerts?limit=1000"));
        assertThat(all.headers().firstValue("X-Served-By").orElseThrow().split(","))
                .containsExactlyElementsOf(servedBy.stream().sorted().toList());
        assertThat(ids(all.body())).isEqualTo(newest.subList(0, Math.min(1000, newest.size())));
    }

    @Test
    @Order(3)
    void aSigkillInTheMiddleOfTheStreamLosesAndRepeatsNothing() throws Exception {
        CompletableFuture<Void> producing = sendSlowlyUntilProcessing(2000);
        service.kill();
        assertThat(producing).as("the kill came after the whole batch was sent").isNotDone();

        service.start();
        service.awaitReady(Duration.ofMinutes(2));
        producing.get();
        KafkaClients.send(bootstrap, "transactions", scenario.batch(400, 0.15, 0.05));

        awaitBalances(service);
        assertAlertsExactlyOnce(awaitAlerts());
        assertDeadLetters();
        // the stores were restored as well as the topic
        assertAlertLists(service, List.of(service.address()));
    }

    @Test
    @Order(4)
    void twoInstancesAnswerForEveryUserAndGatherTheAlerts() {
        second = ServiceProcess.of("fraud-detector", bootstrap, "--spring.kafka.streams.properties.session.timeout.ms=6000")
                .startAndAwaitReady(Duration.ofMinutes(2));
        awaitBothServing();
        KafkaClients.send(bootstrap, "transactions", scenario.batch(300, 0.1, 0.05));

        awaitBalances(service);
        awaitBalances(second);
        java.util.Set<String> owners = new java.util.HashSet<>();
        for (String user : scenario.balances().keySet()) {
            HttpResponse<String> a = Http.get(service.url("/api/balances/" + user));
            HttpResponse<String> b = Http.get(second.url("/api/balances/" + user));
            assertThat(b.body()).isEqualTo(a.body());
            assertThat(b.headers().firstValue("X-Served-By")).isEqualTo(a.headers().firstValue("X-Served-By"));
            owners.add(a.headers().firstValue("X-Served-By").orElseThrow());
        }
        assertThat(owners).containsExactlyInAnyOrder(service.address(), second.address());
        assertAlertsExactlyOnce(awaitAlerts());
        assertDeadLetters();
        assertAlertLists(second, List.of(service.address(), second.address()));
        assertAlertLists(service, List.of(service.address(), second.address()));
    }

    @Test
    @Order(5)
    void idsWithReservedUrlCharactersAreAnsweredByBothInstances() {
        // valid ids (non-blank, at most 256 characters) that must be percent-encoded in a path; '/' and the backslash
        // are the ones Tomcat rejects by default. Together they hash to all 6 partitions, so each instance owns some.
        List<String> users = List.of("x/y", "a\\b", "/lead", "c%d", "ü 1", "e?f#g", "..", "m&n=o", "a+b");
        Instant t = Instant.now().minus(Duration.ofMinutes(5));
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (String user : users) {
            String id = "reserved-" + users.indexOf(user);
            records.add(Map.entry(user, transaction(id + "-1", user, "4.25", t)));
            records.add(Map.entry(user, transaction(id + "-2", user, "-10.50", t.plusSeconds(1))));
        }
        KafkaClients.send(bootstrap, "transactions", records);

        java.util.Set<String> owners = new java.util.HashSet<>();
        for (String user : users) {
            // the same body and X-Served-By from both instances
            HttpResponse<String> r = ServiceProcess.sameAnswer(service, second, "/api/balances/" + pathSegment(user), 200,
                    Duration.ofSeconds(60));
            JsonNode a = Json.MAPPER.readTree(r.body());
            assertThat(a.get("userId").stringValue()).isEqualTo(user);
            assertThat(a.get("balance").decimalValue()).isEqualByComparingTo("-6.25");
            assertThat(a.get("transactionCount").longValue()).isEqualTo(2);
            owners.add(r.headers().firstValue("X-Served-By").orElseThrow());

            JsonNode alerts = Json.MAPPER.readTree(ServiceProcess.sameAnswer(service, second,
                    "/api/users/" + pathSegment(user) + "/alerts", 200, Duration.ofSeconds(60)).body());
            assertThat(alerts).extracting(alert -> alert.get("alertId").stringValue())
                    .contains("reserved-" + users.indexOf(user) + "-2:NEGATIVE_BALANCE");
        }
        // both the local and the forwarded path were taken
        assertThat(owners).containsExactlyInAnyOrder(service.address(), second.address());
    }

    @Test
    @Order(6)
    void anInstanceResumedAfterALongPauseDoesNotAnswerFromPartitionsTheGroupGaveAway() throws Exception {
        List<String> users = List.copyOf(scenario.balances().keySet());
        List<String> ownedBySecond = users.stream()
                .filter(u -> Http.get(second.url("/api/balances/" + u)).headers().firstValue("X-Served-By")
                        .orElse("").equals(second.address()))
                .toList();
        assertThat(ownedBySecond).isNotEmpty();
        // frozen for longer than the session timeout (6 s): the group gives its partitions to the first instance,
        // which goes on processing; resumed, the second still believes it owns them until Kafka Streams hears otherwise
        second.signal("STOP");
        try {
            awaitServedBy(service, service.address());
            KafkaClients.send(bootstrap, "transactions", scenario.batch(300, 0.1, 0.05));
            awaitBalances(service);
        } finally {
            second.signal("CONT");
        }
        // at once: every answer is a 503 or exact; the instance refuses its own copies until the group has settled,
        // and asks the other copy meanwhile
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        int exact = 0;
        while (System.nanoTime() < deadline) {
            for (String user : ownedBySecond) {
                HttpResponse<String> r = Http.get(second.url("/api/balances/" + user));
                if (r.statusCode() == 503) {
                    // the contract's 503: problem+json with Retry-After, saying why
                    assertThat(r.headers().firstValue("Retry-After")).as(r.body()).hasValue("1");
                    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
                    assertThat(Json.MAPPER.readTree(r.body()).get("status").intValue()).isEqualTo(503);
                    continue;
                }
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(isExactBalance(user, r.body())).as("%s: %s expected %s", user, r.body(),
                        scenario.balances().get(user)).isTrue();
                exact++;
            }
        }
        assertThat(exact).isPositive();
        assertThat(Files.readString(second.log())).contains("This process did not run for");
        awaitBothServing();
        awaitBalances(second);
    }

    /**
     * The contract's broker outage: the broker SIGKILLed while transactions arrive and are processed, and started again
     * on its log directory; both instances carry on by themselves, alive throughout, and nothing is lost or repeated.
     */
    @Test
    @Order(7)
    void anInstanceRestartedAfterASigkillAnswersThroughTheOtherBeforeItsFirstAssignment() {
        // A killed member stays in the group for its session timeout, and the restart's first assignment waits until
        // the group drops it: 45 s (Kafka's default) here, at least 42 s after the kill (heartbeats every 3 s), so the
        // restarted JVM is up well within it. A new second instance, since the session timeout is the killed one's; its
        // first run saves whom its assignment named.
        second.stop();
        second = ServiceProcess.of("fraud-detector", bootstrap, "--spring.kafka.streams.properties.session.timeout.ms=45000")
                .startAndAwaitReady(Duration.ofMinutes(2));
        awaitBothServing();
        List<String> ownedByFirst = scenario.balances().keySet().stream()
                .filter(u -> Http.get(service.url("/api/balances/" + u)).headers().firstValue("X-Served-By")
                        .orElse("").equals(service.address()))
                .limit(5).toList();
        assertThat(ownedByFirst).isNotEmpty();

        second.kill();
        long killed = System.nanoTime();
        second.start();
        // Until 40 s after the kill the group cannot have given the restart an assignment, so every 200 it gives then
        // was passed on whole to the first instance; a 503 comes while no relay has answered (before the JVM listens,
        // or while the first instance's copies cannot answer: the alert list needs a copy of every partition there,
        // the standbys of the killed instance's, num.standby.replicas=1).
        int relayed = 0;
        int alertsRelayed = 0;
        while (System.nanoTime() - killed < Duration.ofSeconds(40).toNanos()) {
            for (String user : ownedByFirst) {
                HttpResponse<String> r;
                try {
                    r = Http.get(second.url("/api/balances/" + user));
                } catch (java.io.UncheckedIOException notListeningYet) {
                    break;
                }
                if (r.statusCode() == 503) {
                    continue;
                }
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(isExactBalance(user, r.body())).as("%s: %s", user, r.body()).isTrue();
                assertThat(r.headers().firstValue("X-Served-By")).hasValue(service.address());
                relayed++;
            }
            if (relayed > 0 && alertsRelayed == 0) {
                HttpResponse<String> alerts = Http.get(second.url("/api/alerts?limit=3"));
                if (alerts.statusCode() != 503) {
                    assertThat(alerts.statusCode()).as(alerts.body()).isEqualTo(200);
                    assertThat(Json.MAPPER.readTree(alerts.body())).hasSize(3);
                    assertThat(alerts.headers().firstValue("X-Served-By"))
                            .hasValueSatisfying(v -> assertThat(v).contains(service.address()));
                    alertsRelayed++;
                }
            }
            sleep(200);
        }
        assertThat(relayed).as("answers the restarted instance passed on before its first assignment:\n" + second.tail(20))
                .isPositive();
        assertThat(alertsRelayed).as("alert lists passed on").isPositive();
        second.awaitReady(Duration.ofMinutes(2));
        awaitBothServing();
    }

    @Test
    @Order(8)
    void aBrokerKilledUnderLoadLosesAndRepeatsNothing() throws Exception {
        CompletableFuture<Void> producing = sendSlowlyUntilProcessing(1500);
        KafkaBroker.restartHard();
        assertThat(producing).as("the broker came back before the whole batch was sent").isNotDone();
        for (ServiceProcess instance : List.of(service, second)) {
            assertThat(Http.get(instance.url("/actuator/health/liveness")).statusCode()).as(instance.address()).isEqualTo(200);
        }
        producing.get();
        KafkaClients.send(bootstrap, "transactions", scenario.batch(300, 0.1, 0.05));

        awaitBalances(service);
        awaitBalances(second);
        // test 5's users are not the scenario's
        assertAlertsExactlyOnce(awaitAlerts().stream().filter(r -> !r.value().contains("\"alertId\":\"reserved-")).toList());
        assertDeadLetters();
    }

    /**
     * Sends a new batch of {@code size} records slowly (about 5 ms a record) and returns once the service has processed
     * some of it, so that what comes next (a SIGKILL, a broker outage) lands while records still arrive and are processed.
     */
    private static CompletableFuture<Void> sendSlowlyUntilProcessing(int size) throws InterruptedException {
        String firstNew = "\"transactionId\":\"tx-" + scenario.nextId() + "\"";
        List<Map.Entry<String, String>> batch = scenario.batch(size, 0.05, 0.03);
        String watchedUser = batch.stream().filter(e -> e.getValue().contains(firstNew))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        long countBefore = balance(watchedUser).map(b -> b.get("transactionCount").longValue()).orElse(0L);
        CompletableFuture<Void> producing = CompletableFuture.runAsync(
                () -> KafkaClients.sendSlowly(bootstrap, "transactions", batch, 20, Duration.ofMillis(100)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (balance(watchedUser).map(b -> b.get("transactionCount").longValue()).orElse(0L) <= countBefore) {
            assertThat(System.nanoTime()).as("the service never started on the batch").isLessThan(deadline);
            Thread.sleep(20);
        }
        return producing;
    }

    /** Until {@code instance}'s alert list is gathered from {@code servedBy} alone (a rebalance moved everything there). */
    private static void awaitServedBy(ServiceProcess instance, String servedBy) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = Http.get(instance.url("/api/alerts?limit=1"));
            if (r.statusCode() == 200 && r.headers().firstValue("X-Served-By").orElse("").equals(servedBy)) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError("the alert list was never served by " + servedBy + " alone:\n" + instance.tail(20));
    }

    private static String transaction(String id, String user, String amount, Instant time) {
        return Json.MAPPER.createObjectNode().put("transactionId", id).put("userId", user)
                .put("amount", new BigDecimal(amount)).put("timestamp", time.toString()).put("merchant", "m-1")
                .put("country", "GB").toString();
    }

    /** {@code id} percent-encoded as one path segment (URLEncoder is for forms: it writes a space as '+'). */
    private static String pathSegment(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The service's scrape once it has at least {@code samples} samples of {@code metric} (or after 90 s). */
    private static String awaitScrapeWith(String metric, int samples) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String scrape = Http.get(service.url("/actuator/prometheus")).body();
        while (Prometheus.values(scrape, metric).size() < samples && System.nanoTime() < deadline) {
            sleep(1000);
            scrape = Http.get(service.url("/actuator/prometheus")).body();
        }
        return scrape;
    }

    /** Until both instances are ready and own partitions (the second joins with a rebalance). */
    private static void awaitBothServing() {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = Http.get(service.url("/api/alerts?limit=1"));
            if (r.statusCode() == 200 && r.headers().firstValue("X-Served-By").orElse("").contains(",")
                    && Http.get(service.url("/actuator/health/readiness")).statusCode() == 200
                    && Http.get(second.url("/actuator/health/readiness")).statusCode() == 200) {
                return;
            }
            sleep(500);
        }
        throw new AssertionError("two instances never shared the work:\n" + service.tail(20) + "\n" + second.tail(20));
    }

    /** Waits until every user's balance over HTTP of {@code instance} is the model's, then asserts all of them exactly. */
    private static void awaitBalances(ServiceProcess instance) {
        long deadline = System.nanoTime() + CONVERGE.toNanos();
        Map<String, String> mismatches = Map.of();
        while (System.nanoTime() < deadline) {
            mismatches = balanceMismatches(instance);
            if (mismatches.isEmpty()) {
                return;
            }
            sleep(500);
        }
        assertThat(mismatches).as("balances that differ from the model (%s)", instance.tail(30)).isEmpty();
    }

    private static Map<String, String> balanceMismatches(ServiceProcess instance) {
        Map<String, String> mismatches = new TreeMap<>();
        scenario.balances().forEach((user, expected) -> {
            HttpResponse<String> r;
            try {
                r = Http.get(instance.url("/api/balances/" + user));
            } catch (RuntimeException e) {
                mismatches.put(user, e.toString());
                return;
            }
            if (r.statusCode() != 200) {
                mismatches.put(user, r.statusCode() + " " + r.body());
                return;
            }
            if (!isExactBalance(user, r.body())) {
                mismatches.put(user, r.body() + " expected " + expected);
            }
        });
        return mismatches;
    }

    /** Whether {@code body} is exactly the model's balance of {@code user}. */
    private static boolean isExactBalance(String user, String body) {
        var expected = scenario.balances().get(user);
        JsonNode b = Json.MAPPER.readTree(body);
        return b.get("userId").stringValue().equals(user)
                && b.get("balance").decimalValue().compareTo(expected.balance()) == 0
                && b.get("transactionCount").longValue() == expected.count()
                && Instant.parse(b.get("updatedAt").stringValue()).equals(expected.updatedAt());
    }

    private static java.util.Optional<JsonNode> balance(String user) {
        HttpResponse<String> r = Http.get(service.url("/api/balances/" + user));
        return r.statusCode() == 200 ? java.util.Optional.of(Json.MAPPER.readTree(r.body())) : java.util.Optional.empty();
    }

    /** Reads fraud-alerts (read_committed) until every expected NEGATIVE_BALANCE alert is there and nothing more arrives. */
    private static List<Read> awaitAlerts() {
        Map<String, BigDecimal> expected = scenario.negativeAlerts();
        return KafkaClients.readUntil(bootstrap, "fraud-alerts",
                read -> read.stream().map(r -> Json.MAPPER.readTree(r.value()).get("alertId").stringValue())
                        .collect(Collectors.toSet()).containsAll(expected.keySet()),
                Duration.ofSeconds(3), CONVERGE);
    }

    private static void assertAlertsExactlyOnce(List<Read> read) {
        Map<String, BigDecimal> expected = scenario.negativeAlerts();
        assertThat(expected).hasSizeGreaterThan(20);
        Map<String, Long> times = read.stream()
                .collect(Collectors.groupingBy(r -> Json.MAPPER.readTree(r.value()).get("alertId").stringValue(),
                        Collectors.counting()));
        assertThat(times.entrySet()).as("alertIds written more than once").allSatisfy(e -> assertThat(e.getValue()).isEqualTo(1L));

        Map<String, JsonNode> negative = new HashMap<>();
        for (Read r : read) {
            JsonNode alert = Json.MAPPER.readTree(r.value());
            String transactionId = alert.get("transactionId").stringValue();
            String rule = alert.get("rule").stringValue();
            assertThat(alert.get("alertId").stringValue()).isEqualTo(transactionId + ":" + rule);
            assertThat(r.key()).isEqualTo(alert.get("userId").stringValue()).isEqualTo(scenario.userOf(transactionId));
            assertThat(r.timestamp()).isEqualTo(Instant.parse(alert.get("timestamp").stringValue()).toEpochMilli());
            if (rule.equals("NEGATIVE_BALANCE")) {
                negative.put(alert.get("alertId").stringValue(), alert);
            }
        }
        assertThat(negative.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, balance) ->
                assertThat(negative.get(id).get("balance").decimalValue()).as(id).isEqualByComparingTo(balance));
        // every rule's alerts, with every field, as a run of the same input without crashes or restarts gives them
        // (the topology under TopologyTestDriver; the rules' own logic is tested there): a crash lost or changed none
        Map<String, String> written = read.stream()
                .collect(Collectors.toMap(r -> Json.MAPPER.readTree(r.value()).get("alertId").stringValue(), Read::value));
        assertThat(written).isEqualTo(alertsOfAnUninterruptedRun());
        Map<String, Long> byRule = read.stream().collect(Collectors.groupingBy(
                r -> Json.MAPPER.readTree(r.value()).get("rule").stringValue(), TreeMap::new, Collectors.counting()));
        System.out.println("fraud-alerts by rule: " + byRule + ", distinct transactions " + scenario.distinct()
                + ", duplicates sent " + scenario.duplicates() + ", invalid sent " + scenario.invalid());
    }

    /** alertId → alert JSON of every record sent so far, fed in order to the topology alone, with the service's rules. */
    private static Map<String, String> alertsOfAnUninterruptedRun() {
        Path dir = TempDirs.create("fraud-detector-it-oracle");
        // the service's wall clock, not the unit tests' fixed one: it judges max-future-skew (with the
        // fixed 2026-12-24T10:00Z, a run from that day on dead-letters the scenario's newer records and the comparison fails)
        try (FraudDriver driver = new FraudDriver(dir, RuleSettings.defaults(), Instant.now())) {
            scenario.sent().forEach(r -> driver.transactions.pipeInput(r.getKey(), r.getValue()));
            return driver.readAlertRecords().stream().collect(Collectors.toMap(
                    r -> Json.MAPPER.readTree(r.value()).get("alertId").stringValue(), TestRecord::value));
        }
    }

    private static void assertDeadLetters() {
        List<Read> dead = KafkaClients.readUntil(bootstrap, "transactions.dlq", r -> r.size() >= scenario.invalid(),
                Duration.ofSeconds(2), CONVERGE);
        assertThat(dead).hasSize(scenario.invalid());
        assertThat(dead).allSatisfy(d -> {
            assertThat(d.headers()).containsKeys("error.reason", "error.source.partition", "error.source.offset");
            assertThat(d.headers()).containsEntry("error.source.topic", "transactions");
        });
        assertThat(dead).extracting(d -> (Map.Entry<String, String>) new java.util.AbstractMap.SimpleEntry<>(d.key(), d.value()))
                .containsExactlyInAnyOrderElementsOf(scenario.invalidRecords());
    }

    private static List<String> ids(String jsonArray) {
        List<String> ids = new ArrayList<>();
        Json.MAPPER.readTree(jsonArray).forEach(a -> ids.add(a.get("alertId").stringValue()));
        return ids;
    }
}
