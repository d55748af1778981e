package dev.streamsuite.deploy;

import static dev.streamsuite.deploy.Repo.at;
import static dev.streamsuite.deploy.Repo.list;
import static dev.streamsuite.deploy.Repo.map;
import static dev.streamsuite.deploy.Repo.maps;
import static dev.streamsuite.deploy.Repo.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** deploy/prometheus and deploy/grafana against the compose services, the actuator settings and real metric names. */
class MonitoringTest {

    private static final Map<String, Object> PROMETHEUS = Repo.yamlFile("deploy/prometheus/prometheus.yml");
    private static final Map<String, Object> DATASOURCES = Repo.yamlFile("deploy/grafana/provisioning/datasources/prometheus.yml");
    private static final Map<String, Object> DASHBOARDS = Repo.yamlFile("deploy/grafana/provisioning/dashboards/streams-suite.yml");

    @Test
    void actuatorExposesWhatTheDeploymentsProbeAndScrape() {
        Properties defaults = ServiceFacts.runtimeDefaults();
        assertThat(defaults.getProperty("management.endpoints.web.exposure.include")).contains("health").contains("prometheus");
        assertThat(defaults.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(defaults.getProperty("management.endpoint.health.group.readiness.include")).isNotBlank();
        assertThat(defaults.getProperty("management.endpoint.health.group.liveness.include")).isNotBlank();
        for (String service : ServiceFacts.SERVICES) {
            // the probe paths assume the default base path /actuator and the application's own port
            Map<String, Object> yml = ServiceFacts.applicationYml(service);
            assertThat(at(yml, "management")).as(service + " application.yml overrides no management setting").isNull();
            assertThat(ServiceFacts.applicationName(service)).isEqualTo(service);
        }
        assertThat(defaults.stringPropertyNames()).noneMatch(p -> p.startsWith("management.server.")
                || p.equals("management.endpoints.web.base-path"));
    }

    @Test
    void prometheusScrapesEveryInstance() {
        List<Map<String, Object>> jobs = maps(PROMETHEUS.get("scrape_configs"));
        ComposeTest.instances().forEach(instance -> {
            int port = ServiceFacts.serverPort(ComposeTest.serviceOf(instance));
            assertThat(jobs).as("a scrape job for %s", instance).anySatisfy(job -> {
                assertThat(job.get("metrics_path")).isEqualTo(ServiceFacts.PROMETHEUS_PATH);
                List<String> targets = new ArrayList<>();
                for (Map<String, Object> dns : maps(job.get("dns_sd_configs"))) {
                    list(dns.get("names")).forEach(n -> targets.add(n + ":" + dns.get("port")));
                }
                for (Map<String, Object> statics : maps(job.get("static_configs"))) {
                    list(statics.get("targets")).forEach(t -> targets.add(String.valueOf(t)));
                }
                assertThat(targets).contains(instance + ":" + port);
            });
        });
    }

    @Test
    void grafanaProvisioningMatchesCompose() {
        Map<String, Object> datasource = maps(DATASOURCES.get("datasources")).get(0);
        assertThat(datasource.get("type")).isEqualTo("prometheus");
        String url = str(datasource.get("url"));
        assertThat(ComposeTest.services()).containsKey("prometheus");
        assertThat(url).isEqualTo("http://prometheus:9090");
        assertThat(list(ComposeTest.service("prometheus").get("ports"))).anyMatch(p -> String.valueOf(p).endsWith(":9090"));

        String path = str(at(maps(DASHBOARDS.get("providers")).get(0), "options", "path"));
        List<String> grafanaMounts = list(ComposeTest.service("grafana").get("volumes")).stream().map(String::valueOf).toList();
        assertThat(grafanaMounts).contains("./deploy/grafana/dashboards:" + path + ":ro")
                .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
        String home = Repo.environment(ComposeTest.service("grafana").get("environment")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(home).startsWith(path + "/");
        assertThat(Repo.path("deploy/grafana/dashboards/" + home.substring(path.length() + 1))).isRegularFile();
    }

    @Test
    void dashboardShowsTheKeyMetricsWithRealNames() throws IOException {
        JsonNode dashboard = dashboard("streams-suite.json");
        Set<String> used = metricsOf(dashboard);
        assertThat(knownMetricNames()).as("metric names a service exposes").containsAll(ServiceFacts.DOCUMENTED_COUNTERS);
        // the suite's own counters and the Kafka Streams essentials are on the dashboard
        assertThat(used).containsAll(ServiceFacts.DOCUMENTED_COUNTERS)
                .contains("kafka_stream_client_state", "kafka_stream_thread_process_total",
                        "kafka_consumer_fetch_manager_records_lag", "kafka_stream_task_restore_remaining_records_total",
                        "http_server_requests_seconds_count", "jvm_memory_used_bytes");
    }

    /** The README says the operations dashboard shows every metric of its table. */
    @Test
    void operationsDashboardShowsEveryMetricTheReadmeLists() throws IOException {
        Set<String> used = metricsOf(dashboard("streams-suite-operations.json"));
        String readme = Repo.read("README.md");
        String header = "| metric (Prometheus name) | type | tags | meaning |";
        List<String> rows = readme.substring(readme.indexOf(header)).lines().skip(2).takeWhile(l -> l.startsWith("|")).toList();
        assertThat(rows).as("the README's metrics table").hasSizeGreaterThanOrEqualTo(10);
        Pattern row = Pattern.compile("\\| `([a-z0-9_]+)` \\| ([^|]+) \\|.*");
        for (String line : rows) {
            Matcher m = row.matcher(line);
            assertThat(m.matches()).as("a metric row: %s", line).isTrue();
            String name = m.group(1);
            // a timer or histogram is shown through one of its series; anything else by its own name
            boolean series = m.group(2).contains("timer") || m.group(2).contains("histogram");
            assertThat(used).as("the operations dashboard shows %s", name)
                    .anyMatch(u -> u.equals(name) || series && u.matches(Pattern.quote(name) + "_(bucket|count|sum|max)"));
        }
    }

    private static JsonNode dashboard(String file) {
        return JsonMapper.builder().build().readTree(Repo.read("deploy/grafana/dashboards/" + file));
    }

    /** The metric names a dashboard's panels query, each checked against what a service exposes. */
    private static Set<String> metricsOf(JsonNode dashboard) throws IOException {
        String datasourceUid = str(maps(DATASOURCES.get("datasources")).get(0).get("uid"));
        Set<String> known = knownMetricNames();
        Set<String> used = new TreeSet<>();
        int panels = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            panels++;
            assertThat(panel.path("datasource").path("uid").asString()).as(panel.path("title").asString()).isEqualTo(datasourceUid);
            assertThat(panel.path("targets").isEmpty()).as(panel.path("title").asString() + " has queries").isFalse();
            for (JsonNode target : panel.path("targets")) {
                List<String> metrics = metricNames(target.path("expr").asString());
                assertThat(metrics).as("metrics in %s", target.path("expr").asString()).isNotEmpty();
                used.addAll(metrics);
            }
        }
        assertThat(panels).isGreaterThanOrEqualTo(8);
        assertThat(known).as("metric names a service exposes").containsAll(used);
        assertThat(dashboard.path("uid").asString()).isNotBlank();
        return used;
    }

    /** Metric names in a PromQL expression: identifiers followed by a label matcher. */
    static List<String> metricNames(String expr) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{").matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The suite's meters (from the source) and the names of a real scrape of /actuator/prometheus
     * (purchase-aggregator with Spring Boot 4.1.2 and Kafka Streams 4.2.2; see scraped-metric-names.txt).
     */
    static Set<String> knownMetricNames() throws IOException {
        Set<String> names = new TreeSet<>(ServiceFacts.suiteMeterNames());
        try (InputStream in = MonitoringTest.class.getResourceAsStream("/scraped-metric-names.txt")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(names::add);
        }
        return names;
    }
}
