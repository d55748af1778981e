package dev.streamsuite.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spring Boot properties a service really has, and what an environment variable binds to.
 *
 * <p>Known properties: Spring Boot's own configuration metadata (the {@code spring-configuration-metadata.json}
 * of the Boot jars on the test classpath: {@code server.*}, {@code spring.kafka.*}, ...) plus the
 * {@code @ConfigurationProperties} records of streams-runtime and of the service, read from their sources
 * ({@code suite.*}, {@code purchases.*}, ...). Binding uses Spring Boot's own relaxed binding for environment
 * variables (the {@code SystemEnvironmentPropertyMapper} behind a {@link Binder}), so
 * {@code SUITE_TOPICS_REPLICATION_FACTOR} is found to bind to {@code suite.topics.replication-factor} exactly as
 * in the running service.
 */
final class SpringEnv {

    private static final Map<String, String> BOOT_PROPERTIES = bootMetadata();

    /** scalar property name -> where it is defined */
    private final Map<String, String> scalars = new TreeMap<>();
    /** map-valued properties (their keys are free), e.g. spring.kafka.streams.properties */
    private final Set<String> maps = new TreeSet<>();

    private SpringEnv() {
    }

    /** The properties of one service: Boot's, streams-runtime's and the service's own. */
    static SpringEnv forService(String service) {
        SpringEnv env = new SpringEnv();
        BOOT_PROPERTIES.forEach((name, type) -> {
            if (type.startsWith("java.util.Map")) {
                env.maps.add(name);
            } else {
                env.scalars.put(name, "Spring Boot metadata");
            }
        });
        for (String dir : List.of("streams-runtime/src/main/java", service + "/src/main/java")) {
            for (Path source : Repo.javaSources(dir)) {
                String code = Repo.read(source);
                for (String property : configurationProperties(code)) {
                    env.scalars.put(property, Repo.ROOT.relativize(source).toString());
                }
            }
        }
        return env;
    }

    boolean hasProperty(String name) {
        return scalars.containsKey(name);
    }

    /**
     * The known properties (scalar names, or map entries as {@code prefix.key}) that the environment variable
     * binds to; empty when it binds to nothing the service reads.
     */
    List<String> bindings(String name, String value) {
        SystemEnvironmentPropertySource source = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(name, value == null || value.isEmpty() ? "x" : value));
        Binder binder = new Binder(ConfigurationPropertySources.from(source));
        List<String> found = new ArrayList<>();
        for (String property : scalars.keySet()) {
            if (binder.bind(property, Bindable.of(String.class)).isBound()) {
                found.add(property);
            }
        }
        for (String prefix : maps) {
            BindResult<Map<String, String>> entries = binder.bind(prefix, Bindable.mapOf(String.class, String.class));
            if (entries.isBound()) {
                entries.get().keySet().forEach(key -> found.add(prefix + "." + key));
            }
        }
        return found;
    }

    /** A key Kafka Streams accepts in its configuration ({@code spring.kafka.streams.properties.<key>}). */
    static boolean isKafkaStreamsConfig(String key) {
        if (StreamsConfig.configDef().names().contains(key)) {
            return true;
        }
        for (String prefix : List.of(StreamsConfig.CONSUMER_PREFIX, StreamsConfig.MAIN_CONSUMER_PREFIX,
                StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX)) {
            if (key.startsWith(prefix) && ConsumerConfig.configNames().contains(key.substring(prefix.length()))) {
                return true;
            }
        }
        if (key.startsWith(StreamsConfig.PRODUCER_PREFIX)
                && ProducerConfig.configNames().contains(key.substring(StreamsConfig.PRODUCER_PREFIX.length()))) {
            return true;
        }
        return key.startsWith(StreamsConfig.ADMIN_CLIENT_PREFIX)
                && AdminClientConfig.configNames().contains(key.substring(StreamsConfig.ADMIN_CLIENT_PREFIX.length()));
    }

    // --- @ConfigurationProperties records, from their sources

    /** The leaf property names of the {@code @ConfigurationProperties("prefix") record} in a source file. */
    static List<String> configurationProperties(String code) {
        Matcher annotation = Pattern.compile("@ConfigurationProperties\\(\\s*(?:prefix\\s*=\\s*|value\\s*=\\s*)?\"([^\"]+)\"\\s*\\)")
                .matcher(code);
        if (!annotation.find()) {
            return List.of();
        }
        Map<String, List<String[]>> records = records(code);
        Matcher first = Pattern.compile("record\\s+(\\w+)\\s*\\(").matcher(code);
        if (!first.find(annotation.end())) {
            throw new AssertionError("@ConfigurationProperties(\"" + annotation.group(1) + "\") is not on a record: "
                    + "extend this test's parser");
        }
        List<String> properties = new ArrayList<>();
        collect(annotation.group(1), first.group(1), records, properties);
        return properties;
    }

    private static void collect(String prefix, String record, Map<String, List<String[]>> records, List<String> out) {
        for (String[] component : records.get(record)) {
            String name = prefix + "." + kebab(component[1]);
            if (records.containsKey(component[0])) {
                collect(name, component[0], records, out);
            } else {
                out.add(name);
            }
        }
    }

    /** record name -> components as {type, name} */
    static Map<String, List<String[]>> records(String code) {
        Map<String, List<String[]>> records = new TreeMap<>();
        Matcher m = Pattern.compile("record\\s+(\\w+)\\s*\\(").matcher(code);
        while (m.find()) {
            int open = m.end() - 1;
            int depth = 0;
            int close = open;
            for (int i = open; i < code.length(); i++) {
                char c = code.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    close = i;
                    break;
                }
            }
            String parameters = code.substring(open + 1, close);
            // annotations (with their arguments) out, then split at top-level commas
            String plain = parameters.replaceAll("@[\\w.]+\\s*(\\((?:[^()\"]|\"[^\"]*\")*\\))?", " ");
            List<String[]> components = new ArrayList<>();
            int level = 0;
            StringBuilder current = new StringBuilder();
            for (char c : (plain + ",").toCharArray()) {
                if (c == '<') {
                    level++;
                } else if (c == '>') {
                    level--;
                }
                if (c == ',' && level == 0) {
                    String p = current.toString().trim();
                    if (!p.isEmpty()) {
                        int space = p.lastIndexOf(' ');
                        String type = p.substring(0, space).trim().replaceAll("<.*>", "");
                        components.add(new String[] {type.substring(type.lastIndexOf('.') + 1), p.substring(space + 1)});
                    }
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            records.put(m.group(1), components);
        }
        return records;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    // --- Spring Boot's metadata

    private static Map<String, String> bootMetadata() {
        Map<String, String> properties = new TreeMap<>();
        JsonMapper json = JsonMapper.builder().build();
        try {
            Enumeration<URL> files = SpringEnv.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
            for (URL url : Collections.list(files)) {
                try (InputStream in = url.openStream()) {
                    JsonNode root = json.readTree(in);
                    for (JsonNode property : root.path("properties")) {
                        properties.put(property.path("name").asString(), property.path("type").asString(""));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String required : List.of("server.port", "spring.kafka.bootstrap-servers", "spring.kafka.streams.state-dir",
                "spring.kafka.streams.properties")) {
            if (!properties.containsKey(required)) {
                throw new AssertionError("Spring Boot metadata on the test classpath lacks " + required);
            }
        }
        return properties;
    }
}
