package dev.streamsuite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Json;
import dev.streamsuite.testsupport.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the harness from rotting: the whole benchmark (pre-load, baseline, throughput, latency, query with
 * a second instance, the plain versions) for order-enricher and fraud-detector on a few thousand records with tiny durations,
 * against the test broker. It checks the
 * shape of the JSON and that every figure is there and positive; it asserts no timings.
 */
@ExtendWith(KafkaBroker.class)
class BenchSmokeIT {

    @Test
    void aTinyRunWritesEveryFigure(@TempDir Path work) throws Exception {
        Path out = work.resolve("latest.json");
        Bench.Config config = Bench.Config.defaults(KafkaBroker.bootstrapServers(), true)
                .records(2_000)
                // purchase-aggregator takes the same paths as fraud-detector, less the query benchmark: left out
                // to keep this run short (each service JVM takes seconds to start)
                .services(List.of(Service.ORDER_ENRICHER, Service.FRAUD_DETECTOR))
                .keys(200, 200)
                .plain(true)
                .paths(Path.of(".."), work, out)
                // start-up speed over peak speed, as the integration tests of the services do
                .serviceJvmOpts(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
                .durations(0.05, 1, 0.5, 0.1, 0.3, 0.05, 0.2);

        Report report = new Bench(config).run();

        JsonNode json = Json.MAPPER.readTree(Files.readString(out));
        assertThat(names(json)).containsExactly("timestamp", "machine", "quick", "results", "query");
        assertThat(names(json.get("machine"))).containsExactly("cores", "memoryGiB", "java");
        assertThat(json.get("machine").get("cores").asInt()).isPositive();
        assertThat(json.get("quick").asBoolean()).isTrue();
        assertThat(json.get("results")).hasSize(2);
        for (JsonNode r : json.get("results")) {
            assertThat(names(r)).containsExactly("service", "records", "recordsPerSec", "steadyRecordsPerSec",
                    "baselineRecordsPerSec", "ratio", "streamsCopyRecordsPerSec", "streamsCopyRatio", "plainRecordsPerSec",
                    "plainRatio", "cpuSecondsPerMillion", "e2eP50Ms", "e2eP99Ms");
            // order-enricher's backlog ends with one customer change per partition
            assertThat(r.get("records").asLong()).isBetween(2_000L, 2_006L);
            for (String field : List.of("recordsPerSec", "steadyRecordsPerSec", "baselineRecordsPerSec", "ratio",
                    "streamsCopyRecordsPerSec", "streamsCopyRatio", "plainRecordsPerSec", "plainRatio", "cpuSecondsPerMillion")) {
                assertThat(r.get(field).asDouble()).as(r.get("service").asText() + " " + field).isPositive();
            }
            for (String field : List.of("e2eP50Ms", "e2eP99Ms")) {
                assertThat(r.get(field).isNumber()).as(r.get("service").asText() + " " + field).isTrue();
                assertThat(r.get(field).asDouble()).isGreaterThanOrEqualTo(0);
            }
        }
        assertThat(json.get("results").findValuesAsString("service"))
                .containsExactly("order-enricher", "fraud-detector");
        JsonNode query = json.get("query");
        assertThat(names(query)).containsExactly("qps", "p50Ms", "p99Ms", "baselineP99Ms", "forwardedP99Ms");
        for (Map.Entry<String, JsonNode> e : query.properties()) {
            assertThat(e.getValue().asDouble()).as("query " + e.getKey()).isPositive();
        }
        for (Report.ServiceResult r : report.results()) {
            assertThat(r.latencyReceived()).as(r.service() + " latency outputs").isEqualTo(r.latencySent()).isPositive();
        }
        assertThat(report.query().errors()).isZero();
        assertThat(report.table()).contains("order-enricher", "fraud-detector", "forwarded", "vs plain");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
