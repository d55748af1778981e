package dev.streamsuite.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.testsupport.Http;
import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.KafkaClients;
import dev.streamsuite.testsupport.Ports;
import dev.streamsuite.testsupport.ServiceProcess;
import dev.streamsuite.testsupport.TempDirs;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard as users run it (its jar in a child JVM) against a real broker: records produced to the
 * output topics reach an open Server-Sent Events stream within seconds, and a real headless Chromium shows
 * them in the page's charts and lists. The services are stand-ins serving readiness and Prometheus text, so
 * the operations panel shows known numbers: one ready, one out of service, one unreachable.
 */
@ExtendWith(KafkaBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final long WINDOW_MS = Duration.ofMinutes(5).toMillis();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String bootstrap;
    private static StubService ready;
    private static StubService outOfService;
    private static ServiceProcess dashboard;

    @BeforeAll
    static void start() {
        bootstrap = KafkaBroker.bootstrapServers();
        KafkaClients.createTopics(bootstrap, 2, LiveModel.TOPICS.toArray(String[]::new));
        ready = new StubService("purchase-aggregator", 200, "UP");
        outOfService = new StubService("order-enricher", 503, "OUT_OF_SERVICE");
        dashboard = ServiceProcess.of("dashboard", bootstrap,
                "--dashboard.services.purchase-aggregator=" + ready.url(),
                "--dashboard.services.order-enricher=" + outOfService.url(),
                "--dashboard.services.fraud-detector=http://127.0.0.1:" + Ports.free(),
                "--dashboard.poll-interval=PT1S", "--dashboard.push-interval=PT0.5S");
        dashboard.startAndAwaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) {
            dashboard.stop();
        }
        if (ready != null) {
            ready.close();
        }
        if (outOfService != null) {
            outOfService.close();
        }
    }

    private static Instant currentWindow() {
        return Instant.ofEpochMilli(System.currentTimeMillis() / WINDOW_MS * WINDOW_MS);
    }

    private static String summary(String user, Instant windowStart, int count, String total, String max) {
        return "{\"userId\":\"" + user + "\",\"windowStart\":\"" + windowStart + "\",\"windowEnd\":\""
                + windowStart.plusMillis(WINDOW_MS) + "\",\"count\":" + count + ",\"totalAmount\":" + total
                + ",\"minAmount\":1.00,\"maxAmount\":" + max + "}";
    }

    private static String alert(String transactionId, String rule, String user, String amount, String balance) {
        return "{\"alertId\":\"" + transactionId + ":" + rule + "\",\"userId\":\"" + user + "\",\"transactionId\":\""
                + transactionId + "\",\"rule\":\"" + rule + "\",\"amount\":" + amount + ",\"balance\":" + balance
                + ",\"timestamp\":\"" + Instant.now() + "\",\"message\":\"" + rule + " for " + user + "\"}";
    }

    private static String order(String orderId, String status, String reason) {
        return "{\"orderId\":\"" + orderId + "\",\"customerId\":\"c-1\",\"amount\":42.00,\"currency\":\"EUR\",\"items\":[],"
                + "\"timestamp\":\"" + Instant.now() + "\"," + ("ENRICHED".equals(status)
                ? "\"customer\":{\"customerId\":\"c-1\",\"name\":\"Ada\",\"email\":\"ada@example.com\",\"tier\":\"GOLD\",\"country\":\"GB\"},"
                : "\"reason\":\"" + reason + "\",") + "\"status\":\"" + status + "\"}";
    }

    /** One SSE event as read from the stream. */
    private record Event(String name, String data) {
    }

    @Test
    @Order(1)
    void serverSentEventsDeliverRecordsOfTheOutputTopicsWithinSeconds() throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(dashboard.url("/api/events")))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            String[] name = {null};
            StringBuilder data = new StringBuilder();
            response.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                } else if (line.isEmpty() && name[0] != null) {
                    events.add(new Event(name[0], data.toString()));
                    name[0] = null;
                    data.setLength(0);
                }
            });
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            // on connect: every part at once
            assertThat(awaitEvent(events, e -> e.name().equals("operations"), Duration.ofSeconds(10))).isNotNull();

            String alertTx = "t-sse-" + System.nanoTime();
            KafkaClients.send(bootstrap, LiveModel.FRAUD_ALERTS, List.of(new SimpleEntry<>("u-sse",
                    alert(alertTx, "NEGATIVE_BALANCE", "u-sse", "-25.00", "-5.00"))));
            Event alerts = awaitEvent(events, e -> e.name().equals("alerts") && e.data().contains(alertTx + ":NEGATIVE_BALANCE"),
                    Duration.ofSeconds(10));
            assertThat(alerts).as("the alert reaches the SSE stream within the await's 10 s").isNotNull();

            Instant old = currentWindow().minus(Duration.ofHours(1));
            KafkaClients.send(bootstrap, LiveModel.PURCHASE_SUMMARIES, List.of(new SimpleEntry<>("u-sse",
                    summary("u-sse", old, 1, "7.77", "7.77"))));
            assertThat(awaitEvent(events, e -> e.name().equals("purchases") && e.data().contains("u-sse"), Duration.ofSeconds(10)))
                    .as("the summary reaches the SSE stream").isNotNull();

            String orderId = "o-sse-" + System.nanoTime();
            KafkaClients.send(bootstrap, LiveModel.ORDERS_UNMATCHED, List.of(new SimpleEntry<>(orderId,
                    order(orderId, "UNMATCHED", "UNKNOWN_CUSTOMER"))));
            assertThat(awaitEvent(events, e -> e.name().equals("orders") && e.data().contains(orderId), Duration.ofSeconds(10)))
                    .as("the order reaches the SSE stream").isNotNull();
        } finally {
            response.body().close();
        }
    }

    private static Event awaitEvent(BlockingQueue<Event> events, Predicate<Event> match, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e != null && match.test(e)) {
                return e;
            }
        }
        return null;
    }

    @Test
    @Order(2)
    void aRealBrowserShowsTheDataInChartsAndLists() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "); install them with: apt-get install -y chromium chromium-driver");

        Instant current = currentWindow();
        Instant previous = current.minusMillis(WINDOW_MS);
        KafkaClients.send(bootstrap, LiveModel.PURCHASE_SUMMARIES, List.of(
                new SimpleEntry<>("u-alpha", summary("u-alpha", previous, 1, "50.00", "50.00")),
                new SimpleEntry<>("u-alpha", summary("u-alpha", current, 2, "70.50", "50.00")),
                new SimpleEntry<>("u-alpha", summary("u-alpha", current, 3, "120.50", "50.00")),
                new SimpleEntry<>("u-beta", summary("u-beta", current, 1, "80.00", "80.00")),
                new SimpleEntry<>("u-gamma", summary("u-gamma", current, 2, "10.25", "9.00"))));
        String run = Long.toString(System.nanoTime(), 36);
        KafkaClients.send(bootstrap, LiveModel.ENRICHED_ORDERS, List.of(
                new SimpleEntry<>("o-" + run + "-1", order("o-" + run + "-1", "ENRICHED", null)),
                new SimpleEntry<>("o-" + run + "-2", order("o-" + run + "-2", "ENRICHED", null)),
                new SimpleEntry<>("o-" + run + "-3", order("o-" + run + "-3", "ENRICHED", null))));
        KafkaClients.send(bootstrap, LiveModel.ORDERS_UNMATCHED, List.of(
                new SimpleEntry<>("o-" + run + "-4", order("o-" + run + "-4", "UNMATCHED", "CUSTOMER_DELETED"))));
        List<String> alertIds = List.of("t-" + run + "-1:VELOCITY", "t-" + run + "-2:UNUSUAL_AMOUNT", "t-" + run + "-3:COUNTRY_CHANGE");
        KafkaClients.send(bootstrap, LiveModel.FRAUD_ALERTS, List.of(
                new SimpleEntry<>("u-alpha", alert("t-" + run + "-1", "VELOCITY", "u-alpha", "-10.00", "90.00")),
                new SimpleEntry<>("u-beta", alert("t-" + run + "-2", "UNUSUAL_AMOUNT", "u-beta", "-900.00", "100.00")),
                new SimpleEntry<>("u-gamma", alert("t-" + run + "-3", "COUNTRY_CHANGE", "u-gamma", "-5.00", "3.00"))));

        // the dashboard has it all (and two polls of the stand-in services) before the browser opens the page
        JsonNode state = awaitState(s -> s.path("alerts").toString().contains(alertIds.get(2))
                && s.path("orders").toString().contains("o-" + run + "-4")
                && s.path("purchases").path("current").path("top").toString().contains("u-gamma")
                && s.path("operations").path("services").toString().contains("\"e2eP95Seconds\":0."));
        assertThat(state.path("purchases").path("current").path("totalAmount").decimalValue()).isEqualByComparingTo("210.75");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile = TempDirs.create("dashboard-chromium-");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("target/it-logs/chromedriver.log")).build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(dashboard.url("/"));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.ignoring(StaleElementReferenceException.class); // cards and lists are rebuilt on every update
            JavascriptExecutor js = (JavascriptExecutor) browser;

            // the SSE connection is live and Chart.js (the WebJar) drew the charts
            wait.until(d -> "live".equals(d.findElement(By.id("connection")).getAttribute("data-state")));
            assertThat((Boolean) js.executeScript("return typeof window.Chart === 'function'")).isTrue();
            for (String chart : List.of("chart-windows", "chart-orders-split", "chart-orders-rate", "chart-rules",
                    "chart-throughput", "chart-latency", "chart-lag")) {
                wait.until(d -> "ready".equals(d.findElement(By.id(chart)).getAttribute("data-chart")));
            }

            // purchase totals per window: the previous window 50.00, the current 50.00 + ... = 210.75
            WebElement windows = browser.findElement(By.id("chart-windows"));
            wait.until(d -> windows.getAttribute("data-values").contains("210.75"));
            JsonNode windowValues = JSON.readTree(windows.getAttribute("data-values"));
            List<Double> totals = JSON.convertValue(windowValues.get(0).get("data"),
                    JSON.getTypeFactory().constructCollectionType(List.class, Double.class));
            assertThat(totals).containsSubsequence(50.0, 210.75);
            // top users of the current window, by total
            List<String> topUsers = browser.findElements(By.cssSelector("#top-users tbody tr"))
                    .stream().map(tr -> tr.getAttribute("data-user")).toList();
            assertThat(topUsers).containsSubsequence("u-alpha", "u-beta", "u-gamma");
            assertThat(browser.findElement(By.cssSelector("#top-users tr[data-user='u-alpha'] .total")).getText()).isEqualTo("120.50");

            // enriched vs unmatched (the SSE test added one unmatched order)
            assertThat(browser.findElement(By.id("orders-enriched")).getText()).isEqualTo("3");
            assertThat(browser.findElement(By.id("orders-unmatched")).getText()).isEqualTo("2");
            assertThat(browser.findElement(By.id("chart-orders-split")).getAttribute("data-values")).contains("[3,2]");
            assertThat(browser.findElement(By.cssSelector("#recent-orders tr[data-order='o-" + run + "-4']")).getText())
                    .contains("CUSTOMER_DELETED");

            // the alert list, newest first, and alerts by rule
            List<String> shown = browser.findElements(By.cssSelector("#alert-list li[data-alert-id]"))
                    .stream().map(li -> li.getAttribute("data-alert-id")).toList();
            assertThat(shown).containsSubsequence(alertIds.get(2), alertIds.get(1), alertIds.get(0));
            assertThat(browser.findElement(By.cssSelector("#alert-list li[data-alert-id='" + alertIds.get(1) + "']")).getText())
                    .contains("UNUSUAL_AMOUNT", "u-beta", "-900.00");
            assertThat(browser.findElement(By.id("chart-rules")).getAttribute("data-labels"))
                    .contains("VELOCITY", "UNUSUAL_AMOUNT", "COUNTRY_CHANGE", "NEGATIVE_BALANCE");

            // operations: readiness of each service and the stand-in's numbers (40 records per 1 s poll)
            wait.until(d -> d.findElement(By.cssSelector(".card[data-service='purchase-aggregator'] dd[data-metric='in / s']"))
                    .getText().matches("[1-9][0-9.,]*"));
            assertThat(card(browser, "purchase-aggregator", "", e -> e.getAttribute("data-ready"))).isEqualTo("true");
            assertThat(card(browser, "purchase-aggregator", " dd[data-metric='consumer lag']", WebElement::getText)).isEqualTo("17");
            assertThat(card(browser, "purchase-aggregator", " dd[data-metric='dead letters']", WebElement::getText)).isEqualTo("3");
            assertThat(card(browser, "purchase-aggregator", " dd[data-metric='e2e p50 / p95']", WebElement::getText))
                    .matches("\\d+ ms / \\d+ ms");
            assertThat(card(browser, "order-enricher", " h3", WebElement::getText)).contains("out of service");
            assertThat(card(browser, "fraud-detector", " h3", WebElement::getText)).contains("unreachable");
            assertThat(browser.findElement(By.id("chart-throughput")).getAttribute("data-labels")).isNotEqualTo("[]");
        } finally {
            try {
                Path shot = Path.of("target", "dashboard-screenshot.png");
                Files.write(shot, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
                Files.writeString(Path.of("target", "dashboard-dom.html"), browser.getPageSource());
            } catch (IOException | RuntimeException e) {
                System.err.println("no screenshot: " + e);
            }
            browser.quit();
        }
    }

    /**
     * A value of a service's card. The cards are rebuilt on every poll of the services, so an element found a
     * moment ago may be detached before it is read: then it is found again.
     */
    private static String card(WebDriver browser, String service, String within, Function<WebElement, String> read) {
        By by = By.cssSelector(".card[data-service='" + service + "']" + within);
        for (int attempt = 1; ; attempt++) {
            try {
                return read.apply(browser.findElement(by));
            } catch (StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static JsonNode awaitState(Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode state = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = Http.get(dashboard.url("/api/state"));
            if (r.statusCode() == 200) {
                state = JSON.readTree(r.body());
                if (done.test(state)) {
                    return state;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the dashboard's state never showed the data: " + state);
    }
}
