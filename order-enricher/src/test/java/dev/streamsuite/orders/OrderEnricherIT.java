package dev.streamsuite.orders;

import static dev.streamsuite.testsupport.ChildJvm.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Json;
import dev.streamsuite.testsupport.ChildJvm;
import dev.streamsuite.testsupport.Http;
import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.KafkaClients.Read;
import dev.streamsuite.testsupport.KafkaClients;
import dev.streamsuite.testsupport.ServiceProcess;
import dev.streamsuite.testsupport.TempDirs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The order-enricher as users run it, on a real broker: joins and HTTP answers, then a SIGKILL and a
 * clean restart while orders wait in the join buffer, then a second instance that shares the work and
 * every answer from both. Scenarios run in order and share one service.
 * Stream time is per partition, so "ticks" (customers of their own, one per partition) move it everywhere.
 */
@ExtendWith(KafkaBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderEnricherIT {

    private static final int CUSTOMERS_PARTITIONS = 3;
    private static final String BUFFER_CHANGELOG = "order-enricher-orders-join-buffer-changelog";
    /** Every event time of this test lies after it and at most 34 minutes later, so never in the future. */
    private static final Instant BASE = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);

    private static ServiceProcess service;
    private static ServiceProcess second;
    private static String bootstrap;
    /** What each order must end as: "ENRICHED:<name>:<tier>" or "UNMATCHED:<reason>". */
    private static final Map<String, String> expected = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        bootstrap = KafkaBroker.bootstrapServers();
        // customers with fewer partitions than orders (6, created by the service), as a user may create them: the
        // repartition topic must follow customers, or the join looks for most customers on the wrong partition
        KafkaClients.createTopics(bootstrap, CUSTOMERS_PARTITIONS, "customers");
        service = ServiceProcess.of("order-enricher", bootstrap, "--orders.join-grace=PT30S",
                "--spring.kafka.streams.properties.session.timeout.ms=6000");
        service.startAndAwaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        ChildJvm.stopAll(second, service);
    }

    // ---- phase 1: joins, deletions, a customer after its order, bad input, HTTP

    @Test
    @Order(1)
    void joinsOrdersWithTheVersionCurrentAtTheirTime() throws Exception {
        // customers was created above without compaction: the service runs on it, and says so once
        assertThat(Files.readString(service.log())).containsOnlyOnce("Topic customers exists with cleanup.policy=delete, not compact");
        sendCustomers(List.of(
                customer("c-1", "Ada", "SILVER", at(0)),
                customer("c-1", "Ada", "GOLD", at(600)),
                customer("c-1", "Ada Mid", "SILVER", at(300)), // out of order
                customer("c-2", "Bob", "BRONZE", at(0))));
        deleteCustomer("c-2", at(360));
        awaitHttp("/api/customers/c-1", r -> r.statusCode() == 200 && r.body().contains("\"GOLD\""));
        awaitHttp("/api/customers/c-2", r -> r.statusCode() == 404);

        sendOrders(List.of(
                order("o-1", "c-1", "12.50", at(120)),
                order("o-2", "c-1", "20.00", at(420)),
                order("o-3", "c-1", "30.00", at(720)),
                order("o-4", "c-2", "5.00", at(180)),
                order("o-5", "c-2", "6.00", at(480)),
                order("o-6", "c-404", "7.00", at(200))));
        expected.put("o-1", "ENRICHED:Ada:SILVER");
        expected.put("o-2", "ENRICHED:Ada Mid:SILVER");
        expected.put("o-3", "ENRICHED:Ada:GOLD");
        expected.put("o-4", "ENRICHED:Bob:BRONZE");
        expected.put("o-5", "UNMATCHED:CUSTOMER_DELETED");
        expected.put("o-6", "UNMATCHED:UNKNOWN_CUSTOMER");

        // the order first, then (once it waits in the buffer) its customer, within the grace
        sendOrders(List.of(order("o-7", "c-3", "8.00", at(1200))));
        awaitBuffered(Set.of("o-7"));
        sendCustomers(List.of(customer("c-3", "Cy", "GOLD", at(1140))));
        expected.put("o-7", "ENRICHED:Cy:GOLD");

        tick(at(1500));
        assertOutputsExactlyAsExpected();
    }

    @Test
    @Order(2)
    void badInputGoesToTheDeadLetterTopics() {
        KafkaClients.send(bootstrap, "orders", List.of(Map.entry("o-bad", "{\"orderId\":\"o-bad\"")));
        sendCustomers(List.of(Map.entry("c-other", customer("c-9", "Nine", "GOLD", at(0)).getValue())));

        Read order = KafkaClients.readAtLeast(bootstrap, "orders.dlq", 1, Duration.ofSeconds(60)).get(0);
        assertThat(order.key()).isEqualTo("o-bad");
        assertThat(order.value()).isEqualTo("{\"orderId\":\"o-bad\"");
        assertThat(order.headers().get("error.reason")).contains("not valid JSON");
        assertThat(order.headers().get("error.source.topic")).isEqualTo("orders");
        assertThat(order.headers()).containsKeys("error.source.partition", "error.source.offset");

        Read customer = KafkaClients.readAtLeast(bootstrap, "customers.dlq", 1, Duration.ofSeconds(60)).get(0);
        assertThat(customer.key()).isEqualTo("c-other");
        assertThat(customer.headers().get("error.reason")).contains("differs from customerId");
        assertThat(customer.headers().get("error.source.topic")).isEqualTo("customers");
        // dead-lettered in the transaction that would have stored it: stored under neither its key nor its customerId
        assertThat(Http.get(service.url("/api/customers/c-9")).statusCode()).isEqualTo(404);
        assertThat(Http.get(service.url("/api/customers/c-other")).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void answersTheThreeEndpoints() {
        HttpResponse<String> ada = awaitHttp("/api/customers/c-1", r -> r.statusCode() == 200);
        JsonNode current = tree(ada.body());
        assertThat(current.get("name").stringValue()).isEqualTo("Ada");
        assertThat(current.get("tier").stringValue()).isEqualTo("GOLD");
        assertThat(Instant.parse(current.get("updatedAt").stringValue())).isEqualTo(Instant.parse(at(600)));
        assertThat(ada.headers().firstValue("X-Served-By")).contains(service.address());

        HttpResponse<String> deleted = Http.get(service.url("/api/customers/c-2"));
        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(deleted.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(tree(deleted.body()).get("detail").stringValue()).contains("deleted");
        assertThat(Http.get(service.url("/api/customers/c-404")).statusCode()).isEqualTo(404);

        JsonNode o5 = tree(awaitHttp("/api/orders/o-5", r -> r.statusCode() == 200).body());
        assertThat(o5.get("status").stringValue()).isEqualTo("UNMATCHED");
        assertThat(o5.get("reason").stringValue()).isEqualTo("CUSTOMER_DELETED");
        JsonNode o2 = tree(awaitHttp("/api/orders/o-2", r -> r.statusCode() == 200).body());
        assertThat(o2.get("status").stringValue()).isEqualTo("ENRICHED");
        assertThat(o2.get("customer").get("name").stringValue()).isEqualTo("Ada Mid");
        assertThat(o2.get("amount").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(Http.get(service.url("/api/orders/o-unknown")).statusCode()).isEqualTo(404);

        assertThat(orderIds(awaitHttp("/api/customers/c-1/orders", r -> r.statusCode() == 200).body()))
                .containsExactly("o-3", "o-2", "o-1");
        assertThat(orderIds(Http.get(service.url("/api/customers/c-1/orders?limit=2")).body())).containsExactly("o-3", "o-2");
        assertThat(orderIds(Http.get(service.url("/api/customers/c-2/orders")).body())).containsExactly("o-4");
        assertThat(orderIds(Http.get(service.url("/api/customers/c-404/orders")).body())).isEmpty();
        assertThat(Http.get(service.url("/api/customers/c-1/orders?limit=0")).statusCode()).isEqualTo(400);
        assertThat(Http.get(service.url("/api/customers/c-1/orders?limit=1001")).statusCode()).isEqualTo(400);
    }

    // ---- phase 2: SIGKILL while orders wait in the join buffer

    @Test
    @Order(4)
    void noWaitingOrderIsLostOrDuplicatedBySigkillAndRestart() {
        // all within 19 s, less than the 30 s grace: none is released before the kill
        Map<String, String> before = new LinkedHashMap<>(expected);
        List<Map.Entry<String, String>> waiting = new ArrayList<>();
        sendCustomers(List.of(customer("c-1", "Ada", "PLATINUM", at(1565))));
        for (int i = 0; i < 20; i++) {
            String id = "o-k" + i;
            String customer = i < 10 ? "c-1" : "c-5";
            waiting.add(order(id, customer, "1" + i + ".25", at(1560 + i)));
            if (i < 10) {
                expected.put(id, i < 5 ? "ENRICHED:Ada:GOLD" : "ENRICHED:Ada:PLATINUM");
            } else {
                expected.put(id, i < 14 ? "UNMATCHED:UNKNOWN_CUSTOMER" : "ENRICHED:Eve:SILVER");
            }
        }
        sendOrders(waiting);
        awaitBuffered(ids(waiting));
        assertThat(outputs(before, Duration.ofSeconds(2)).keySet()).doesNotContainAnyElementsOf(ids(waiting));

        service.kill();
        service.startAndAwaitReady(Duration.ofSeconds(120));

        // a customer created just after some of its orders, within their grace, after the restart
        sendCustomers(List.of(customer("c-5", "Eve", "SILVER", at(1574))));
        tick(at(1680));
        assertOutputsExactlyAsExpected();

        JsonNode k12 = tree(awaitHttp("/api/orders/o-k12", r -> r.statusCode() == 200).body());
        assertThat(k12.get("reason").stringValue()).isEqualTo("UNKNOWN_CUSTOMER");
        assertThat(orderIds(awaitHttp("/api/customers/c-5/orders?limit=3", r -> r.statusCode() == 200).body()))
                .containsExactly("o-k19", "o-k18", "o-k17");
    }

    // ---- phase 3: clean restart while orders wait

    @Test
    @Order(5)
    void noWaitingOrderIsLostOrDuplicatedByACleanRestart() {
        List<Map.Entry<String, String>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(order("o-s" + i, "c-1", "3.0" + i, at(1740 + i)));
            expected.put("o-s" + i, "ENRICHED:Ada:PLATINUM");
        }
        sendOrders(waiting);
        awaitBuffered(ids(waiting));

        service.stop();
        service.startAndAwaitReady(Duration.ofSeconds(120));
        tick(at(1860));
        assertOutputsExactlyAsExpected();

        assertThat(orderIds(awaitHttp("/api/customers/c-1/orders?limit=4", r -> r.statusCode() == 200
                && r.body().contains("o-s4")).body())).containsExactly("o-s4", "o-s3", "o-s2", "o-s1");
    }

    // ---- phase 4: a second instance

    /**
     * The three endpoints read three stores of two sub-topologies (customers and their order lists keyed by
     * customerId, results by orderId): whichever instance is asked, the answer must be the owner's, with
     * the owner in {@code X-Served-By}, and both instances must own some of it.
     */
    @Test
    @Order(6)
    void twoInstancesGiveTheOwnersAnswerForEveryOrderAndCustomer() {
        second = ServiceProcess.of("order-enricher", bootstrap, "--orders.join-grace=PT30S",
                "--spring.kafka.streams.properties.session.timeout.ms=6000").startAndAwaitReady(Duration.ofMinutes(2));
        List<Map.Entry<String, String>> more = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "o-t" + i;
            more.add(order(id, i % 2 == 0 ? "c-1" : "c-5", "4.0" + i, at(1900 + i)));
            expected.put(id, i % 2 == 0 ? "ENRICHED:Ada:PLATINUM" : "ENRICHED:Eve:SILVER");
        }
        sendOrders(more);
        tick(at(2000));
        assertOutputsExactlyAsExpected();

        Set<String> owners = new HashSet<>();
        for (String orderId : expected.keySet()) {
            JsonNode order = tree(sameAnswerFromBoth("/api/orders/" + orderId, 200, owners));
            assertThat(order.get("orderId").stringValue()).isEqualTo(orderId);
            assertThat(order.get("status").stringValue()).isEqualTo(expected.get(orderId).split(":")[0]);
        }
        assertThat(tree(sameAnswerFromBoth("/api/customers/c-5", 200, owners)).get("name").stringValue()).isEqualTo("Eve");
        assertThat(sameAnswerFromBoth("/api/customers/c-2", 404, owners)).contains("deleted");
        assertThat(orderIds(sameAnswerFromBoth("/api/customers/c-1/orders?limit=3", 200, owners)))
                .containsExactly("o-t10", "o-t8", "o-t6");
        assertThat(orderIds(sameAnswerFromBoth("/api/customers/c-5/orders?limit=2", 200, owners)))
                .containsExactly("o-t11", "o-t9");
        assertThat(owners).containsExactlyInAnyOrder(service.address(), second.address());
    }

    /** The body of {@code path} once both instances give the same answer with {@code status}; adds its owner. */
    private static String sameAnswerFromBoth(String path, int status, Set<String> owners) {
        HttpResponse<String> r = ServiceProcess.sameAnswer(service, second, path, status, Duration.ofSeconds(60));
        owners.add(r.headers().firstValue("X-Served-By").orElseThrow());
        return r.body();
    }

    // ---- the upstream defect this service is designed around

    /**
     * Why {@code TemporalJoin} exists: the same rule with Kafka Streams' own stream–table join grace
     * (KIP-923) in a child JVM ({@link DslGraceJoinProbe}). Orders wait in its grace buffer; after a clean
     * stop and restart they are emitted once stream time passes their grace, but after a SIGKILL (restore
     * from the changelog under exactly-once) they are never emitted. This test pins that upstream
     * behaviour of the Kafka Streams version in use.
     */
    @Test
    @Order(7)
    void kafkaStreamsOwnJoinGraceLosesOrdersWaitingAcrossASigkill() throws Exception {
        KafkaClients.createTopics(bootstrap, 1, DslGraceJoinProbe.CUSTOMERS, DslGraceJoinProbe.ORDERS, DslGraceJoinProbe.JOINED);
        Path stateDir = TempDirs.create("dsl-grace-join-probe-");
        Path log = Path.of("target", "it-logs", "dsl-grace-join-probe.log");
        Files.deleteIfExists(log);
        ChildJvm probe = new ChildJvm("dsl-grace-join-probe", List.of("-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), DslGraceJoinProbe.class.getName(), bootstrap, stateDir.toString()), log);
        try {
            probe.start();
            awaitRunning(probe, 1);
            sendAt(DslGraceJoinProbe.CUSTOMERS, "c-1", "Ada", 0);

            List<String> stopped = waitingOrders("q-", 100);
            List<String> beforeStop = probeOutput(List.of());
            probe.stop();
            probe.start();
            awaitRunning(probe, 2);
            sendAt(DslGraceJoinProbe.ORDERS, "c-1", "q-release", 200);
            List<String> afterStop = probeOutput(stopped);

            List<String> killed = waitingOrders("p-", 300);
            List<String> beforeKill = probeOutput(afterStop);
            probe.kill();
            probe.start();
            awaitRunning(probe, 3);
            sendAt(DslGraceJoinProbe.ORDERS, "c-1", "p-release", 400);
            // a control sent after the restart and released past its grace: the probe does emit after the SIGKILL
            sendAt(DslGraceJoinProbe.ORDERS, "c-1", "p-control", 401);
            sendAt(DslGraceJoinProbe.ORDERS, "c-1", "p-control-release", 440);
            List<String> afterKill = probeOutput(Stream.concat(killed.stream(), Stream.of("p-control")).toList());

            System.out.println("DSL grace join, emitted before the clean stop: " + beforeStop + ", after the restart: "
                    + afterStop + "; before the SIGKILL: " + beforeKill + ", after the restart: " + afterKill);
            assertThat(beforeStop).as("orders wait in the grace buffer").isEmpty();
            assertThat(afterStop).as("orders waiting across a clean restart").containsAll(stopped).doesNotHaveDuplicates();
            assertThat(beforeKill).as("orders wait in the grace buffer").doesNotContainAnyElementsOf(killed);
            assertThat(afterKill).as("orders sent after the restart are joined").contains("p-release", "p-control");
            // The known defect: restored from the changelog, the waiting orders are never emitted. Should this
            // fail with a newer Kafka Streams, the defect is fixed there and the DSL join could replace TemporalJoin.
            assertThat(afterKill.containsAll(killed)).as("KIP-923 grace buffer still loses orders waiting across a "
                    + "SIGKILL (emitted after the restart: " + afterKill + ")").isFalse();
        } finally {
            probe.stop();
        }
    }

    /** Ten orders of c-1 within 10 s from {@code from}, so all wait (grace 30 s); then time for commits. */
    /** Last: it gives orders-unmatched more partitions than enriched-orders, which the service refuses to start on. */
    @Test
    @Order(8)
    void outputsWithDifferentPartitionCountsFailStartUpWithAClearMessage() throws Exception {
        service.stop();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createPartitions(Map.of("orders-unmatched", org.apache.kafka.clients.admin.NewPartitions.increaseTo(8)))
                    .all().get();
        }
        ServiceProcess refused = ServiceProcess.of("order-enricher", bootstrap);
        refused.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (refused.isAlive() && System.nanoTime() < deadline) {
            sleep(200);
        }
        assertThat(refused.isAlive()).as("still running:\n%s", refused.tail(20)).isFalse();
        String log = Files.readString(refused.log());
        assertThat(log).contains("APPLICATION FAILED TO START")
                .contains("topics {enriched-orders=6, orders-unmatched=8} must have the same number of partitions")
                .contains("--alter --partitions").doesNotContain("\tat org.springframework");

        // with one of the two missing, the service creates it with the other's count, whatever suite.topics.partitions says
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(List.of("orders-unmatched")).all().get();
            for (int i = 0; i < 150 && admin.listTopics().names().get().contains("orders-unmatched"); i++) {
                sleep(200);
            }
            ServiceProcess recreating = ServiceProcess.of("order-enricher", bootstrap, "--suite.topics.partitions=3");
            try {
                recreating.startAndAwaitReady(Duration.ofSeconds(120));
                assertThat(admin.describeTopics(List.of("orders-unmatched")).allTopicNames().get()
                        .get("orders-unmatched").partitions()).hasSize(6);
            } finally {
                recreating.stop();
            }
        }
    }

    private static List<String> waitingOrders(String prefix, long from) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(prefix + i);
            sendAt(DslGraceJoinProbe.ORDERS, "c-1", prefix + i, from + i);
        }
        sleep(5000);
        return ids;
    }

    /** The orderIds the probe emitted, once {@code awaited} are among them or 30 s passed. */
    private static List<String> probeOutput(List<String> awaited) {
        return KafkaClients.readUntil(bootstrap, DslGraceJoinProbe.JOINED,
                        reads -> reads.stream().map(r -> r.value().split("\\|")[0]).toList().containsAll(awaited),
                        Duration.ofSeconds(3), Duration.ofSeconds(30)).stream()
                .map(r -> r.value().split("\\|")[0]).toList();
    }

    private static void awaitRunning(ChildJvm probe, int times) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(probe.log())
                    && Files.readAllLines(probe.log()).stream().filter(l -> l.contains("STATE RUNNING")).count() >= times) {
                return;
            }
            sleep(250);
        }
        throw new AssertionError("probe not RUNNING:\n" + probe.tail(40));
    }

    private static void sendAt(String topic, String key, String value, long secondsAfterBase) {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, null, BASE.plusSeconds(secondsAfterBase).toEpochMilli(), key, value));
            producer.flush();
        }
    }

    // ---- helpers

    private static String at(long secondsAfterBase) {
        return BASE.plusSeconds(secondsAfterBase).toString();
    }

    private static Map.Entry<String, String> customer(String id, String name, String tier, String updatedAt) {
        return Map.entry(id, "{\"customerId\":\"" + id + "\",\"name\":\"" + name + "\",\"email\":\"" + id + "@example.com\","
                + "\"tier\":\"" + tier + "\",\"country\":\"GB\",\"updatedAt\":\"" + updatedAt + "\"}");
    }

    private static Map.Entry<String, String> order(String id, String customerId, String amount, String time) {
        return Map.entry(id, "{\"orderId\":\"" + id + "\",\"customerId\":\"" + customerId + "\",\"amount\":" + amount
                + ",\"currency\":\"EUR\",\"items\":[{\"sku\":\"A1\",\"quantity\":1,\"unitPrice\":" + amount + "}],"
                + "\"timestamp\":\"" + time + "\"}");
    }

    private static void sendCustomers(List<Map.Entry<String, String>> records) {
        KafkaClients.send(bootstrap, "customers", records);
    }

    private static void sendOrders(List<Map.Entry<String, String>> records) {
        KafkaClients.send(bootstrap, "orders", records);
    }

    private static void deleteCustomer(String id, String at) {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap)) {
            producer.send(new ProducerRecord<String, String>("customers", null, Instant.parse(at).toEpochMilli(), id, (String) null));
            producer.flush();
        }
    }

    /** One customer per join partition with updatedAt {@code time}: moves every join task's stream time there. */
    private static void tick(String time) {
        Map<Integer, String> keyByPartition = new HashMap<>();
        for (int n = 0; keyByPartition.size() < CUSTOMERS_PARTITIONS; n++) {
            String key = "tick-" + n;
            keyByPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % CUSTOMERS_PARTITIONS, key);
        }
        sendCustomers(keyByPartition.values().stream().map(key -> customer(key, "Tick", "NONE", time)).toList());
    }

    private static Set<String> ids(List<Map.Entry<String, String>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.getKey()));
        return ids;
    }

    /** Waits until the buffer's changelog holds all these orders (committed): they wait for their grace. */
    private static void awaitBuffered(Set<String> orderIds) {
        List<Read> changelog = KafkaClients.readUntil(bootstrap, BUFFER_CHANGELOG,
                reads -> waitingIn(reads).containsAll(orderIds), Duration.ofMillis(500), Duration.ofSeconds(60));
        assertThat(waitingIn(changelog)).as("orders waiting in the join buffer").containsAll(orderIds);
    }

    /** Order ids whose latest changelog record is a value, not a deletion. The key ends with the orderId. */
    private static Set<String> waitingIn(List<Read> changelog) {
        Map<String, Boolean> latest = new HashMap<>();
        for (Read r : changelog) {
            String orderId = r.key().substring(r.key().lastIndexOf("o-"));
            latest.put(orderId, r.value() != null);
        }
        Set<String> waiting = new HashSet<>();
        latest.forEach((id, present) -> {
            if (present) {
                waiting.add(id);
            }
        });
        return waiting;
    }

    /**
     * Both outputs, read_committed, once they hold at least the orders of {@code awaited} and then stayed
     * quiet for {@code quiet} (so a late duplicate would show); every order must appear once, in the
     * output its outcome belongs to, keyed by orderId with the order's time.
     */
    private static Map<String, String> outputs(Map<String, String> awaited, Duration quiet) {
        List<Read> all = new ArrayList<>();
        all.addAll(read("enriched-orders", awaited, "ENRICHED", quiet));
        all.addAll(read("orders-unmatched", awaited, "UNMATCHED", quiet));
        Map<String, String> byOrder = new LinkedHashMap<>();
        for (Read r : all) {
            JsonNode result = tree(r.value());
            assertThat(r.key()).isEqualTo(result.get("orderId").stringValue());
            assertThat(r.timestamp()).isEqualTo(Instant.parse(result.get("timestamp").stringValue()).toEpochMilli());
            String outcome = "ENRICHED".equals(result.get("status").stringValue())
                    ? "ENRICHED:" + result.get("customer").get("name").stringValue() + ":"
                    + result.get("customer").get("tier").stringValue()
                    : "UNMATCHED:" + result.get("reason").stringValue();
            assertThat(r.topic()).isEqualTo(outcome.startsWith("ENRICHED") ? "enriched-orders" : "orders-unmatched");
            assertThat(byOrder.put(r.key(), outcome)).as("order %s emitted exactly once", r.key()).isNull();
        }
        return byOrder;
    }

    private static List<Read> read(String topic, Map<String, String> awaited, String status, Duration quiet) {
        Set<String> ids = new HashSet<>();
        awaited.forEach((id, outcome) -> {
            if (outcome.startsWith(status)) {
                ids.add(id);
            }
        });
        return KafkaClients.readUntil(bootstrap, topic, reads -> reads.stream().map(Read::key).toList().containsAll(ids),
                quiet, Duration.ofSeconds(90));
    }

    private static void assertOutputsExactlyAsExpected() {
        assertThat(outputs(expected, Duration.ofSeconds(3))).containsExactlyInAnyOrderEntriesOf(expected);
    }

    private static HttpResponse<String> awaitHttp(String path, Predicate<HttpResponse<String>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = Http.get(service.url(path));
            if (done.test(last)) {
                return last;
            }
            sleep(250);
        }
        throw new AssertionError("GET " + path + " did not answer as expected; last " + last.statusCode() + " " + last.body());
    }

    private static List<String> orderIds(String jsonArray) {
        List<String> ids = new ArrayList<>();
        tree(jsonArray).forEach(node -> ids.add(node.get("orderId").stringValue()));
        return ids;
    }

    private static JsonNode tree(String json) {
        return Json.MAPPER.readTree(json);
    }
}
