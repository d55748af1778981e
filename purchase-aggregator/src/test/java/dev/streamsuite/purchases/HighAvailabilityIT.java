package dev.streamsuite.purchases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Json;
import dev.streamsuite.testsupport.Http;
import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.KafkaClients;
import dev.streamsuite.testsupport.ServiceProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Three instances of one application under continuous queries: a SIGKILL and a rolling restart give
 * only correct answers or 503s with Retry-After, never a wrong value or a 500, and the dead instance's
 * keys are served from standbys, a standby's 404 for an unknown user with the same headers as its 200s.
 * The figures are printed for the README.
 */
class HighAvailabilityIT {

    private static final int USERS = 30;
    private static final List<ServiceProcess> instances = new ArrayList<>();
    private static KafkaBroker.Own broker;

    /** A broker of its own: the other classes' purchases on the shared one would make these late, or the reverse. */
    @BeforeAll
    static void start() {
        broker = KafkaBroker.startOwn("kafka-ha-it");
    }

    @AfterAll
    static void stop() {
        instances.forEach(ServiceProcess::stop);
        broker.jvm().stop();
    }

    /** Outcomes of the querying client. */
    static final class Tally {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong fromStandby = new AtomicLong();
        final AtomicLong notFoundFromStandby = new AtomicLong();
        final AtomicLong unavailable = new AtomicLong();
        final List<String> wrong = new CopyOnWriteArrayList<>();

        @Override
        public String toString() {
            return "ok=" + ok + " (from standby " + fromStandby + ", of them 404s " + notFoundFromStandby + "), 503="
                    + unavailable + ", wrong=" + wrong.size();
        }
    }

    @Test
    void killAndRollingRestartGiveOnlyCorrectAnswersOr503() throws Exception {
        String bootstrap = broker.bootstrapServers();
        Instant base = Instant.ofEpochMilli((System.currentTimeMillis() - Duration.ofHours(5).toMillis()) / 300_000 * 300_000);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < 5; i++) {
                String user = "ha-" + u;
                records.add(new SimpleEntry<>(user, "{\"purchaseId\":\"ha-" + u + "-" + i + "\",\"userId\":\"" + user
                        + "\",\"amount\":" + (i + 1) + ".25,\"timestamp\":\"" + base.plusSeconds(30 + i) + "\"}"));
            }
        }
        KafkaClients.send(bootstrap, "purchases", records);
        for (int i = 0; i < 3; i++) {
            instances.add(ServiceProcess.of("purchase-aggregator", bootstrap, "--spring.application.name=pa-ha",
                    "--spring.kafka.streams.properties.session.timeout.ms=6000"));
        }
        instances.forEach(ServiceProcess::start);
        for (ServiceProcess instance : instances) {
            instance.awaitReady(Duration.ofSeconds(120));
        }
        Map<String, String> expected = awaitBaseline(instances.get(0), base);

        Map<ServiceProcess, Boolean> up = new ConcurrentHashMap<>();
        instances.forEach(i -> up.put(i, true));
        Tally tally = new Tally();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread client = new Thread(() -> {
            while (running.get()) {
                List<ServiceProcess> alive = instances.stream().filter(i -> up.getOrDefault(i, false)).toList();
                ServiceProcess via = alive.get(ThreadLocalRandom.current().nextInt(alive.size()));
                int n = ThreadLocalRandom.current().nextInt(USERS);
                // a call that fails without an answer is wrong unless its instance was being stopped meanwhile
                BooleanSupplier stopping = () -> !up.getOrDefault(via, false);
                if (ThreadLocalRandom.current().nextInt(3) == 0) {
                    queryUnknown(via, "ha-unknown-" + n, tally, stopping);
                } else {
                    query(via, "ha-" + n, expected.get("ha-" + n), tally, stopping);
                }
            }
        });
        // the client dying would leave "wrong" empty: its death is a wrong answer too
        client.setUncaughtExceptionHandler((t, e) -> tally.wrong.add("query client died: " + e));
        client.start();

        ServiceProcess victim = instances.get(2);
        up.put(victim, false);
        victim.kill();
        // until the standbys have answered for the dead instance's keys (found and unknown), at most 45 s
        long killDeadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while ((tally.fromStandby.get() == 0 || tally.notFoundFromStandby.get() == 0) && System.nanoTime() < killDeadline) {
            Thread.sleep(200);
        }
        Tally afterKill = snapshot(tally);
        victim.start();
        victim.awaitReady(Duration.ofSeconds(120));
        up.put(victim, true);
        Thread.sleep(3_000);

        long okBeforeRolling = tally.ok.get();
        for (int i = 0; i < 2; i++) {
            ServiceProcess bounced = instances.get(i);
            up.put(bounced, false);
            bounced.stop();
            bounced.start();
            bounced.awaitReady(Duration.ofSeconds(120));
            up.put(bounced, true);
            Thread.sleep(3_000);
        }
        running.set(false);
        client.join();

        System.out.println("HA figures: SIGKILL of 1 of 3 instances, until the standbys answered: " + afterKill);
        System.out.println("HA figures: whole run incl. restart and rolling restart of 2 instances: " + tally);
        assertThat(tally.wrong).as("wrong answers").isEmpty();
        assertThat(afterKill.fromStandby.get()).as("answers from standbys while an instance was dead").isPositive();
        assertThat(afterKill.notFoundFromStandby.get()).as("404s from standbys while an instance was dead").isPositive();
        assertThat(tally.ok.get()).as("correct answers during the rolling restart").isGreaterThan(okBeforeRolling);
        for (ServiceProcess instance : instances) {
            for (int u = 0; u < USERS; u++) {
                Tally last = new Tally();
                awaitOk(instance, "ha-" + u, expected.get("ha-" + u), last);
            }
        }
    }

    private static Tally snapshot(Tally tally) {
        Tally copy = new Tally();
        copy.ok.set(tally.ok.get());
        copy.fromStandby.set(tally.fromStandby.get());
        copy.notFoundFromStandby.set(tally.notFoundFromStandby.get());
        copy.unavailable.set(tally.unavailable.get());
        copy.wrong.addAll(tally.wrong);
        return copy;
    }

    private static void query(ServiceProcess via, String user, String expected, Tally tally, BooleanSupplier stopping) {
        HttpResponse<String> r = call(via, "/api/users/" + user + "/summaries", tally, stopping);
        if (r == null) {
            return;
        }
        if (r.statusCode() == 200 && r.body().equals(expected)) {
            tally.ok.incrementAndGet();
            if ("standby".equals(r.headers().firstValue("X-Served-From").orElse(""))) {
                tally.fromStandby.incrementAndGet();
            }
        } else if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()) {
            tally.unavailable.incrementAndGet();
        } else {
            tally.wrong.add(user + " via " + via.address() + ": " + r.statusCode() + " " + r.body() + " served by "
                    + r.headers().firstValue("X-Served-By").orElse("?") + " from " + r.headers().firstValue("X-Served-From").orElse("active")
                    + " lag " + r.headers().firstValue("X-Standby-Lag").orElse("-") + " at " + Instant.now());
        }
    }

    /** A user with no purchases: 404 problem+json, from a standby with the standby headers. */
    private static void queryUnknown(ServiceProcess via, String user, Tally tally, BooleanSupplier stopping) {
        HttpResponse<String> r = call(via, "/api/users/" + user + "/summaries/latest", tally, stopping);
        if (r == null) {
            return;
        }
        boolean fromStandby = "standby".equals(r.headers().firstValue("X-Served-From").orElse(""));
        if (r.statusCode() == 404 && r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                && r.body().contains("no purchase summary for user '" + user + "'") && r.headers().firstValue("X-Served-By").isPresent()
                && (!fromStandby || r.headers().firstValue("X-Standby-Lag").orElse("").matches("\\d+"))) {
            tally.ok.incrementAndGet();
            if (fromStandby) {
                tally.fromStandby.incrementAndGet();
                tally.notFoundFromStandby.incrementAndGet();
            }
        } else if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()) {
            tally.unavailable.incrementAndGet();
        } else {
            tally.wrong.add(user + " (unknown) via " + via.address() + ": " + r.statusCode() + " " + r.body() + " "
                    + r.headers().map() + " at " + Instant.now());
        }
    }

    /** The answer, or null when the call failed because its instance was stopped meanwhile (any other failure is wrong). */
    private static HttpResponse<String> call(ServiceProcess via, String path, Tally tally, BooleanSupplier stopping) {
        try {
            return Http.get(via.url(path));
        } catch (RuntimeException e) {
            if (!stopping.getAsBoolean()) {
                tally.wrong.add(path + " via " + via.address() + ": no answer from a running instance (" + e + ") at " + Instant.now());
            }
            return null;
        }
    }

    private static void awaitOk(ServiceProcess via, String user, String expected, Tally tally) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            long before = tally.ok.get();
            query(via, user, expected, tally, () -> false);
            if (tally.ok.get() > before) {
                return;
            }
            assertThat(tally.wrong).isEmpty();
            assertThat(System.nanoTime()).as("%s never answered 200 for %s", via.address(), user).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * Waits until every user's summary has all 5 purchases, checks it against the input (amounts 1.25 to 5.25 in the
     * window starting at {@code base}), and returns the answers as the texts every later answer must equal.
     */
    private static Map<String, String> awaitBaseline(ServiceProcess via, Instant base) throws InterruptedException {
        Map<String, String> answers = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (int u = 0; u < USERS; u++) {
            while (true) {
                HttpResponse<String> r = Http.get(via.url("/api/users/ha-" + u + "/summaries"));
                JsonNode list = r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()) : null;
                if (list != null && list.size() == 1 && list.get(0).get("count").intValue() == 5) {
                    JsonNode s = list.get(0);
                    assertThat(s.get("userId").asString()).isEqualTo("ha-" + u);
                    assertThat(Instant.parse(s.get("windowStart").asString())).isEqualTo(base);
                    assertThat(Instant.parse(s.get("windowEnd").asString())).isEqualTo(base.plus(Duration.ofMinutes(5)));
                    assertThat(s.get("totalAmount").decimalValue()).isEqualByComparingTo("16.25");
                    assertThat(s.get("minAmount").decimalValue()).isEqualByComparingTo("1.25");
                    assertThat(s.get("maxAmount").decimalValue()).isEqualByComparingTo("5.25");
                    answers.put("ha-" + u, r.body());
                    break;
                }
                assertThat(System.nanoTime()).as("no baseline for ha-%s: %s", u, r.body()).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        return answers;
    }
}
