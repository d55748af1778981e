package dev.streamsuite.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * What the code says about the services, read from the source tree: ports and names (application.yml), the
 * topics each topology declares, the actuator settings, the suite's metric names. The deployment files are
 * checked against these, so they cannot drift from the code.
 */
final class ServiceFacts {

    /** The three deployable services (Maven modules with the same name). */
    static final List<String> SERVICES = List.of("purchase-aggregator", "order-enricher", "fraud-detector");

    /** Where the image keeps Kafka Streams' state (Dockerfile VOLUME, compose volumes, k8s volume mounts). */
    static final String STATE_DIR = "/var/lib/streams";

    static final String READINESS_PATH = "/actuator/health/readiness";
    static final String LIVENESS_PATH = "/actuator/health/liveness";
    static final String PROMETHEUS_PATH = "/actuator/prometheus";

    /** The contract's topics (../shared/CONTRACT.md): every input topic, its dead-letter topic, every output. */
    static final Map<String, Boolean> CONTRACT_TOPICS = contractTopics();

    private ServiceFacts() {
    }

    private static Map<String, Boolean> contractTopics() {
        Map<String, Boolean> topics = new TreeMap<>();  // name -> compacted
        for (String input : List.of("purchases", "orders", "transactions")) {
            topics.put(input, false);
            topics.put(input + ".dlq", false);
        }
        topics.put("customers", true);
        topics.put("customers.dlq", false);
        for (String output : List.of("purchase-summaries", "purchase-summaries-final", "purchases-late",
                "enriched-orders", "orders-unmatched", "fraud-alerts")) {
            topics.put(output, false);
        }
        return topics;
    }

    static Map<String, Object> applicationYml(String service) {
        return Repo.yamlFile(service + "/src/main/resources/application.yml");
    }

    static int serverPort(String service) {
        Object port = Repo.at(applicationYml(service), "server", "port");
        if (port == null) {
            throw new AssertionError(service + "/src/main/resources/application.yml has no server.port");
        }
        return Integer.parseInt(String.valueOf(port));
    }

    static String applicationName(String service) {
        return Repo.str(Repo.at(applicationYml(service), "spring", "application", "name"));
    }

    /** Spring's {@code spring.lifecycle.timeout-per-shutdown-phase} as the runtime sets it, read as Spring reads it. */
    static long shutdownPhaseSeconds() {
        return DurationStyle.detectAndParse(runtimeDefaults().getProperty("spring.lifecycle.timeout-per-shutdown-phase")).toSeconds();
    }

    /** A Compose duration ({@code 60s}, {@code 1m30s}) in seconds. */
    static long composeSeconds(String text) {
        Matcher m = Pattern.compile("(?:(\\d+)m)?(?:(\\d+)s)?").matcher(text == null ? "" : text.strip());
        if (!m.matches() || text.isBlank()) {
            throw new IllegalArgumentException("not a duration such as 60s: " + text);
        }
        return (m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 60) + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
    }

    /** streams-runtime-defaults.properties: the settings every service starts with. */
    static Properties runtimeDefaults() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repo.read("streams-runtime/src/main/resources/streams-runtime-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The topics a service's topology declares ({@code List<TopicSpec> topics()}), name -> compacted. */
    static Map<String, Boolean> declaredTopics(String service) {
        Map<String, Boolean> compacted = new TreeMap<>();
        declaredTopicKinds(service).forEach((topic, kind) -> compacted.put(topic, kind.equals("compactedInput")));
        return compacted;
    }

    /** The topics a service's topology declares, by kind: input, compactedInput or output. */
    static Map<String, String> declaredTopicKinds(String service) {
        Map<String, String> topics = new TreeMap<>();
        for (Path source : Repo.javaSources(service + "/src/main/java")) {
            String code = Repo.read(source);
            int method = code.indexOf("List<TopicSpec> topics()");
            if (method < 0) {
                continue;
            }
            Map<String, String> constants = stringConstants(code);
            String body = block(code, code.indexOf('{', method));
            Matcher spec = Pattern.compile("TopicSpec\\.(input|compactedInput|output)\\(([^()]*)\\)").matcher(body);
            while (spec.find()) {
                topics.put(resolve(spec.group(2), constants, source), spec.group(1));
            }
        }
        if (topics.isEmpty()) {
            throw new AssertionError("no 'List<TopicSpec> topics()' with TopicSpec.input/compactedInput/output found in "
                    + service + "/src/main/java (the parser of this test must follow the code)");
        }
        return topics;
    }

    /** {@code static final String NAME = "value";} of a source file. */
    static Map<String, String> stringConstants(String code) {
        Map<String, String> constants = new LinkedHashMap<>();
        Matcher m = Pattern.compile("static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"([^\"]*)\"\\s*;").matcher(code);
        while (m.find()) {
            constants.put(m.group(1), m.group(2));
        }
        return constants;
    }

    private static String resolve(String expression, Map<String, String> constants, Path source) {
        StringBuilder value = new StringBuilder();
        for (String part : expression.split("\\+")) {
            String p = part.trim();
            if (p.startsWith("\"") && p.endsWith("\"")) {
                value.append(p, 1, p.length() - 1);
            } else if (constants.containsKey(p)) {
                value.append(constants.get(p));
            } else {
                throw new AssertionError("cannot resolve topic expression '" + expression + "' in " + source);
            }
        }
        return value.toString();
    }

    /** The text of the balanced {...} block starting at {@code open}. */
    static String block(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return code.substring(open, i + 1);
            }
        }
        throw new AssertionError("unbalanced block");
    }

    /** The counters the README documents and the dashboard must show (their Prometheus names). */
    static final List<String> DOCUMENTED_COUNTERS = List.of("suite_dlq_records_total", "suite_late_records_total",
            "suite_duplicate_records_total", "suite_alerts_total");

    /**
     * The names Prometheus may show for the suite's own meters ({@code Counter/Timer/Gauge.builder("suite.x")}
     * or a {@code static final String} constant of the same file), in every form Micrometer's Prometheus
     * naming gives them (suffixes _total, _seconds_count, ...).
     */
    static List<String> suiteMeterNames() {
        List<String> names = new ArrayList<>();
        for (Path source : Repo.javaSources("streams-runtime/src/main/java")) {
            String code = Repo.read(source);
            Map<String, String> constants = stringConstants(code);
            Matcher m = Pattern.compile("(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*(\"[a-z0-9.]+\"|\\w+)").matcher(code);
            while (m.find()) {
                String arg = m.group(2);
                String name = arg.startsWith("\"") ? arg.substring(1, arg.length() - 1) : constants.get(arg);
                if (name == null || !name.startsWith("suite.")) {
                    continue;
                }
                String base = name.replace('.', '_');
                for (String suffix : List.of("", "_total", "_seconds", "_seconds_count", "_seconds_sum", "_seconds_max",
                        "_seconds_bucket", "_count", "_sum", "_max", "_bucket")) {
                    names.add(base + suffix);
                }
            }
        }
        return names;
    }

    /** The default of {@code suite.topics.partitions} (SuiteProperties). */
    static int defaultPartitions() {
        Matcher m = Pattern.compile("@DefaultValue\\(\"(\\d+)\"\\)\\s+int\\s+partitions")
                .matcher(Repo.read("streams-runtime/src/main/java/dev/streamsuite/runtime/config/SuiteProperties.java"));
        if (!m.find()) {
            throw new AssertionError("SuiteProperties: no @DefaultValue(\"N\") int partitions");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The command-line options the load generator knows (its USAGE text). */
    static TreeSet<String> loadGeneratorOptions() {
        String code = Repo.read("load-generator/src/main/java/dev/streamsuite/loadgen/LoadGenerator.java");
        int usage = code.indexOf("USAGE = \"\"\"");
        if (usage < 0) {
            throw new AssertionError("LoadGenerator.USAGE not found");
        }
        String text = code.substring(usage, code.indexOf("\"\"\";", usage + 12));
        TreeSet<String> options = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+(--[a-z-]+)").matcher(text);
        while (m.find()) {
            options.add(m.group(1));
        }
        return options;
    }
}
