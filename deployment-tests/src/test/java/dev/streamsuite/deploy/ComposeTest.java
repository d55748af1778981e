package dev.streamsuite.deploy;

import static dev.streamsuite.deploy.Repo.at;
import static dev.streamsuite.deploy.Repo.environment;
import static dev.streamsuite.deploy.Repo.list;
import static dev.streamsuite.deploy.Repo.map;
import static dev.streamsuite.deploy.Repo.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker-compose.yml against the code: broker, topics, the services' ports, health, state, environment, images. */
class ComposeTest {

    static final Map<String, Object> COMPOSE = Repo.yamlFile("docker-compose.yml");
    static final String BOOTSTRAP = "kafka:9092";

    static Map<String, Object> services() {
        return map(COMPOSE.get("services"));
    }

    static Map<String, Object> service(String name) {
        Map<String, Object> service = map(services().get(name));
        assertThat(service).as("compose service " + name).isNotEmpty();
        return service;
    }

    /** Compose services that run one of the three services (built from the Dockerfile with SERVICE=...). */
    static Stream<String> instances() {
        return services().keySet().stream()
                .filter(name -> ServiceFacts.SERVICES.contains(String.valueOf(at(services().get(name), "build", "args", "SERVICE"))));
    }

    static String serviceOf(String instance) {
        return str(at(service(instance), "build", "args", "SERVICE"));
    }

    static List<String> profiles(String name) {
        return list(service(name).get("profiles")).stream().map(String::valueOf).toList();
    }

    // --- the broker

    @Test
    void kafkaIsASingleKraftNodeWithAHealthCheck() {
        Map<String, Object> kafka = service("kafka");
        String image = str(kafka.get("image"));
        assertThat(image).startsWith("apache/kafka:");
        // the broker's minor version is the one of the clients the services use (managed by Spring Boot)
        String clients = AppInfoParser.getVersion();
        assertThat(image.substring(image.indexOf(':') + 1)).as("apache/kafka tag vs kafka-clients " + clients)
                .startsWith(clients.substring(0, clients.lastIndexOf('.') + 1));

        Map<String, String> env = environment(kafka.get("environment"));
        assertThat(env.get("KAFKA_PROCESS_ROLES")).contains("broker").contains("controller");
        assertThat(env).containsKeys("KAFKA_NODE_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_CONTROLLER_LISTENER_NAMES", "CLUSTER_ID");
        assertThat(env.get("CLUSTER_ID")).as("a base64 UUID").hasSize(22);
        assertThat(Repo.read("docker-compose.yml").toLowerCase()).as("no ZooKeeper").doesNotContain("zookeeper");
        // the listener the services bootstrap from is advertised under the compose host name
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("://" + BOOTSTRAP);
        // exactly-once on one broker needs the transaction state log at replication 1
        assertThat(env).containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        assertThat(namedVolumeAt(kafka, env.get("KAFKA_LOG_DIRS"))).as("the broker's log dir on a named volume").isNotNull();

        Map<String, Object> healthcheck = map(kafka.get("healthcheck"));
        assertThat(String.join(" ", list(healthcheck.get("test")).stream().map(String::valueOf).toList()))
                .contains("/opt/kafka/bin/").contains("localhost:9092");
        assertThat(healthcheck).containsKeys("interval", "retries");
    }

    @Test
    void topicCreationCoversTheContractAndTheCode() {
        Map<String, Object> init = service("kafka-init");
        assertThat(init.get("image")).isEqualTo(service("kafka").get("image"));
        assertThat(at(init, "depends_on", "kafka", "condition")).isEqualTo("service_healthy");
        assertThat(str(init.get("restart"))).isEqualTo("no");
        String script = String.join(" ", list(init.get("entrypoint")).stream().map(String::valueOf).toList()) + " "
                + String.join(" ", list(init.get("command")).stream().map(String::valueOf).toList());
        assertThat(script).contains("/opt/kafka/bin/kafka-topics.sh").contains("--create").contains("--if-not-exists")
                .contains("--partitions \"$$PARTITIONS\"").contains("--replication-factor \"$$REPLICATION_FACTOR\"")
                .contains("--config cleanup.policy=compact").contains("$$INPUT_TOPICS").contains("$$COMPACTED_TOPICS")
                .contains("$$OUTPUT_TOPICS").contains("--config max.message.bytes=\"$$OUTPUT_MAX_MESSAGE_BYTES\" $$rolls")
                .contains("rolls=\"--config segment.ms=$$SEGMENT_MS --config segment.bytes=$$SEGMENT_BYTES\"")
                .contains("create \"$$topic\" --config message.timestamp.type=LogAppendTime;");

        Map<String, String> env = environment(init.get("environment"));
        assertThat(env.get("OUTPUT_MAX_MESSAGE_BYTES")).as("ServiceTopology.OUTPUT_MAX_MESSAGE_BYTES").isEqualTo("4194304");
        assertThat(env.get("SEGMENT_MS")).as("EventTimeTopics.CONFIGS").isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(env.get("SEGMENT_BYTES")).as("EventTimeTopics.CONFIGS").isEqualTo(Integer.toString(64 * 1024 * 1024));
        Map<String, Boolean> created = new TreeMap<>();
        Arrays.stream(env.get("INPUT_TOPICS").trim().split("\\s+")).forEach(t -> assertThat(created.put(t, false)).as(t).isNull());
        Arrays.stream(env.get("COMPACTED_TOPICS").trim().split("\\s+")).forEach(t -> assertThat(created.put(t, true)).as(t).isNull());
        List<String> outputs = Arrays.asList(env.get("OUTPUT_TOPICS").trim().split("\\s+"));
        outputs.forEach(t -> assertThat(created.put(t, false)).as(t).isNull());
        Set<String> declaredOutputs = new TreeSet<>();
        ServiceFacts.SERVICES.forEach(s -> ServiceFacts.declaredTopicKinds(s).forEach((topic, kind) -> {
            if (kind.equals("output")) {
                declaredOutputs.add(topic);
            }
        }));
        assertThat(new TreeSet<>(outputs)).as("the outputs the topologies declare").isEqualTo(declaredOutputs);
        assertThat(created).as("topics of ../shared/CONTRACT.md (name -> compacted)").isEqualTo(ServiceFacts.CONTRACT_TOPICS);

        Map<String, Boolean> declared = new TreeMap<>();
        ServiceFacts.SERVICES.forEach(s -> declared.putAll(ServiceFacts.declaredTopics(s)));
        assertThat(created).as("topics the topologies declare (TopicSpec)").isEqualTo(declared);

        assertThat(env).containsEntry("BOOTSTRAP", BOOTSTRAP)
                .containsEntry("PARTITIONS", String.valueOf(ServiceFacts.defaultPartitions()));
        instances().forEach(instance -> {
            Map<String, String> serviceEnv = environment(service(instance).get("environment"));
            assertThat(serviceEnv.get("SUITE_TOPICS_PARTITIONS")).as(instance).isEqualTo(env.get("PARTITIONS"));
            assertThat(serviceEnv.get("SUITE_TOPICS_REPLICATION_FACTOR")).as(instance).isEqualTo(env.get("REPLICATION_FACTOR"));
        });
    }

    // --- the services

    @ParameterizedTest
    @MethodSource("instances")
    void serviceBuiltFromTheDockerfile(String instance) {
        String service = serviceOf(instance);
        int port = ServiceFacts.serverPort(service);
        Map<String, Object> compose = service(instance);
        assertThat(str(compose.get("image"))).startsWith(DockerImages.repository(service) + ":");
        assertThat(at(compose, "build", "context")).isEqualTo(".");
        assertThat(at(compose, "build", "target")).as("the default target, service").isIn(null, "service");
        assertThat(str(at(compose, "build", "args", "PORT"))).isEqualTo(String.valueOf(port));
        for (Object mapping : list(compose.get("ports"))) {
            String m = String.valueOf(mapping);
            assertThat(m.substring(m.lastIndexOf(':') + 1)).as("%s port mapping %s: the container side is server.port", instance, m)
                    .isEqualTo(String.valueOf(port));
        }
        assertThat(at(compose, "deploy", "resources", "limits", "memory")).as("a memory limit (heap = 50 %% of it)").isNotNull();
    }

    @ParameterizedTest
    @MethodSource("instances")
    void readinessHealthCheckAndStartOrder(String instance) {
        int port = ServiceFacts.serverPort(serviceOf(instance));
        Map<String, Object> compose = service(instance);
        String test = String.join(" ", list(at(compose, "healthcheck", "test")).stream().map(String::valueOf).toList());
        assertThat(test).contains("http://localhost:" + port + ServiceFacts.READINESS_PATH);
        assertThat(map(compose.get("healthcheck"))).containsKeys("interval", "timeout", "retries", "start_period");
        assertThat(at(compose, "depends_on", "kafka", "condition")).isEqualTo("service_healthy");
        assertThat(at(compose, "depends_on", "kafka-init", "condition")).isEqualTo("service_completed_successfully");
        assertThat(ServiceFacts.composeSeconds(str(compose.get("stop_grace_period")))).as("stop_grace_period longer than Spring's shutdown phase")
                .isGreaterThan(ServiceFacts.shutdownPhaseSeconds());
    }

    @ParameterizedTest
    @MethodSource("instances")
    void stateOnANamedVolumeAndEnvironment(String instance) {
        String service = serviceOf(instance);
        int port = ServiceFacts.serverPort(service);
        Map<String, Object> compose = service(instance);
        assertThat(namedVolumeAt(compose, ServiceFacts.STATE_DIR)).as("%s: a named volume at the state dir", instance).isNotNull();

        Map<String, String> env = environment(compose.get("environment"));
        assertThat(env).containsEntry("SERVER_PORT", String.valueOf(port))
                .containsEntry("SUITE_APPLICATION_SERVER", instance + ":" + port)
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP)
                .containsEntry("SPRING_KAFKA_STREAMS_STATE_DIR", ServiceFacts.STATE_DIR);
        assertThat(EnvCheck.property(service, "SUITE_APPLICATION_SERVER", instance + ":" + port)).isEqualTo("suite.application-server");
        EnvCheck.assertBindsToRealProperties("docker-compose.yml " + instance, service, env, Set.of("JAVA_OPTS"));
    }

    @Test
    void threeServicesAndADocumentedSecondInstance() {
        List<String> always = instances().filter(i -> profiles(i).isEmpty()).toList();
        assertThat(always.stream().map(ComposeTest::serviceOf).toList()).containsExactlyInAnyOrderElementsOf(ServiceFacts.SERVICES);
        assertThat(always).containsExactlyInAnyOrderElementsOf(ServiceFacts.SERVICES);

        List<String> scaled = instances().filter(i -> profiles(i).contains("scale")).toList();
        assertThat(scaled).as("a second instance under profile scale").isNotEmpty();
        for (String second : scaled) {
            String primary = serviceOf(second);
            assertThat(service(second).get("image")).isEqualTo(service(primary).get("image"));
            assertThat(namedVolumeAt(service(second), ServiceFacts.STATE_DIR))
                    .isNotEqualTo(namedVolumeAt(service(primary), ServiceFacts.STATE_DIR));
        }
        // every instance its own state volume, application.server and host port
        assertThat(instances().map(i -> namedVolumeAt(service(i), ServiceFacts.STATE_DIR)).toList()).doesNotHaveDuplicates();
        assertThat(instances().map(i -> environment(service(i).get("environment")).get("SUITE_APPLICATION_SERVER")).toList())
                .doesNotHaveDuplicates();
        List<String> hostPorts = new ArrayList<>();
        services().keySet().forEach(name -> list(service(name).get("ports"))
                .forEach(p -> hostPorts.add(String.valueOf(p).substring(0, String.valueOf(p).lastIndexOf(':')))));
        assertThat(hostPorts).doesNotHaveDuplicates();
    }

    @Test
    void demoGenerator() {
        Map<String, Object> generator = service("load-generator");
        assertThat(profiles("load-generator")).containsExactly("demo");
        assertThat(at(generator, "build", "target")).isEqualTo("load-generator");
        assertThat(Dockerfile.read().stage("load-generator")).isNotNull();
        assertThat(at(generator, "build", "args", "SERVICE")).isEqualTo("load-generator");
        assertThat(str(generator.get("image"))).startsWith(DockerImages.PREFIX + "load-generator:");
        List<String> command = list(generator.get("command")).stream().map(String::valueOf).toList();
        assertThat(command).containsSequence("--bootstrap-servers", BOOTSTRAP).contains("--rate");
        TreeSet<String> options = ServiceFacts.loadGeneratorOptions();
        command.stream().filter(a -> a.startsWith("--")).forEach(o -> assertThat(options).as("LoadGenerator option").contains(o));
        assertThat(at(generator, "depends_on", "kafka-init", "condition")).isEqualTo("service_completed_successfully");
    }

    @Test
    void monitoringProfileAndMountedFilesExist() {
        for (String name : List.of("prometheus", "grafana")) {
            assertThat(profiles(name)).containsExactly("monitoring");
            for (Object volume : list(service(name).get("volumes"))) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(Repo.path(source.substring(2))).as("%s mounts %s", name, source).exists();
                }
            }
        }
    }

    @Test
    void namedVolumesAreDeclaredAndUsed() {
        Set<String> declared = map(COMPOSE.get("volumes")).keySet();
        Map<String, Integer> uses = new HashMap<>();
        services().keySet().forEach(name -> list(service(name).get("volumes")).forEach(v -> {
            String source = String.valueOf(v).split(":")[0];
            if (!source.startsWith(".") && !source.startsWith("/")) {
                uses.merge(source, 1, Integer::sum);
            }
        }));
        assertThat(uses.keySet()).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(uses.values()).as("no volume shared by two services").allMatch(n -> n == 1);
    }

    /** The named volume mounted at a path in a compose service, or null. */
    static String namedVolumeAt(Map<String, Object> service, String path) {
        for (Object volume : list(service.get("volumes"))) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && parts[1].equals(path) && map(COMPOSE.get("volumes")).containsKey(parts[0])) {
                return parts[0];
            }
        }
        return null;
    }
}
