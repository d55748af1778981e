package dev.streamsuite.deploy;

import static dev.streamsuite.deploy.Repo.at;
import static dev.streamsuite.deploy.Repo.map;
import static dev.streamsuite.deploy.Repo.maps;
import static dev.streamsuite.deploy.Repo.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k8s/ rendered (kubectl kustomize when on the PATH, else the built-in renderer; see {@link Kustomize}) and
 * checked against the code: every service a StatefulSet with a state volume, a headless Service (pod DNS names
 * for application.server) and a client Service on its server.port, probes on the actuator's health groups,
 * resources, a PodDisruptionBudget, static membership from the pod name; dev with a KRaft Kafka, prod with
 * replication 3 and an external cluster.
 */
class KubernetesTest {

    static final List<String> RENDERINGS = List.of("k8s/base", "k8s/overlays/dev", "k8s/overlays/prod", "k8s");
    private static final Map<String, List<Map<String, Object>>> RENDERED = new LinkedHashMap<>();
    /** variables of the services' containers that are not Spring properties, and who reads them */
    private static final Set<String> NOT_FOR_SPRING = Set.of(
            "POD_NAME", "NAMESPACE",  // $(POD_NAME) and $(NAMESPACE) in SUITE_APPLICATION_SERVER
            "JAVA_OPTS");             // the image's entrypoint

    @BeforeAll
    static void render() {
        System.out.println("[deployment-tests] k8s/ rendered with " + Kustomize.renderer());
        if (Kustomize.tool().isEmpty()) {
            System.out.println("[deployment-tests] SKIPPED: rendering with the real kustomize (kubectl is not on the "
                    + "PATH); the checks below use the built-in renderer");
        }
        for (String dir : RENDERINGS) {
            RENDERED.put(dir, Kustomize.render(Repo.path(dir)));
        }
    }

    static Stream<Arguments> renderingsAndServices() {
        return RENDERINGS.stream().flatMap(r -> ServiceFacts.SERVICES.stream().map(s -> Arguments.of(r, s)));
    }

    // --- rendering

    @Test
    void rendersWithKubectl() {
        assumeTrue(Kustomize.tool().isPresent(),
                "SKIPPED: neither kubectl nor kustomize is on the PATH; k8s/ was rendered by the built-in renderer only");
        for (String dir : RENDERINGS) {
            assertThat(Kustomize.renderWithTool(Repo.path(dir))).as(dir).isNotEmpty();
        }
    }

    /** The built-in renderer (used where kubectl is missing) gives what kustomize gives, up to ConfigMap hashes. */
    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod", "k8s"})
    void builtInRendererAgreesWithKubectl(String dir) {
        assumeTrue(Kustomize.tool().isPresent(), "SKIPPED: no kubectl/kustomize on the PATH to compare with");
        List<Map<String, Object>> real = Kustomize.renderWithTool(Repo.path(dir));
        List<Map<String, Object>> builtIn = Kustomize.renderBuiltIn(Repo.path(dir));
        Set<String> generated = kind(builtIn, "ConfigMap").stream().map(KubernetesTest::name).collect(java.util.stream.Collectors.toSet());
        assertThat(byId(real.stream().map(r -> withoutHashSuffixes(r, generated)).toList())).isEqualTo(byId(builtIn));
    }

    @Test
    void topLevelKustomizationIsProd() {
        assertThat(byId(RENDERED.get("k8s"))).isEqualTo(byId(RENDERED.get("k8s/overlays/prod")));
    }

    // --- per service

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("renderingsAndServices")
    void statefulSetWithStateVolumeAndHeadlessService(String dir, String service) {
        List<Map<String, Object>> rendered = RENDERED.get(dir);
        Map<String, Object> sts = find(rendered, "StatefulSet", service);
        Map<String, Object> container = container(sts, service);

        List<Map<String, Object>> claims = maps(at(sts, "spec", "volumeClaimTemplates"));
        assertThat(claims).as("%s %s volumeClaimTemplates", dir, service).hasSize(1);
        String claim = str(at(claims.get(0), "metadata", "name"));
        assertThat(str(at(claims.get(0), "spec", "resources", "requests", "storage"))).as("storage request").isNotBlank();
        assertThat(maps(container.get("volumeMounts")))
                .as("%s %s: the state volume mounted at the state dir", dir, service)
                .anySatisfy(m -> {
                    assertThat(m.get("name")).isEqualTo(claim);
                    assertThat(m.get("mountPath")).isEqualTo(ServiceFacts.STATE_DIR);
                });
        assertThat(env(rendered, container)).containsEntry("SPRING_KAFKA_STREAMS_STATE_DIR", ServiceFacts.STATE_DIR);

        String headless = str(at(sts, "spec", "serviceName"));
        Map<String, Object> headlessService = find(rendered, "Service", headless);
        assertThat(at(headlessService, "spec", "clusterIP")).as("%s is headless", headless).isEqualTo("None");
        assertThat(at(headlessService, "spec", "publishNotReadyAddresses"))
                .as("%s: pod DNS names must resolve while instances rebalance or restore (they forward queries)", headless)
                .isEqualTo(true);
        assertSelects(headlessService, sts);
        assertThat(at(sts, "spec", "persistentVolumeClaimRetentionPolicy", "whenScaled")).isEqualTo("Retain");
        assertThat(at(sts, "spec", "updateStrategy", "type")).isEqualTo("RollingUpdate");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("renderingsAndServices")
    void portsAndClientService(String dir, String service) {
        int port = ServiceFacts.serverPort(service);
        List<Map<String, Object>> rendered = RENDERED.get(dir);
        Map<String, Object> sts = find(rendered, "StatefulSet", service);
        Map<String, Object> container = container(sts, service);
        assertThat(maps(container.get("ports"))).as("%s %s container ports", dir, service)
                .anySatisfy(p -> assertThat(p.get("containerPort")).isEqualTo(port));
        assertThat(env(rendered, container)).as("%s %s", dir, service).containsEntry("SERVER_PORT", String.valueOf(port));

        Map<String, Object> client = find(rendered, "Service", service);
        assertThat(at(client, "spec", "clusterIP")).as("client Service %s is a ClusterIP Service", service).isNotEqualTo("None");
        assertThat(str(at(client, "spec", "type"))).isIn(null, "ClusterIP");
        assertSelects(client, sts);
        for (String name : List.of(service, str(at(sts, "spec", "serviceName")))) {
            for (Map<String, Object> p : maps(at(find(rendered, "Service", name), "spec", "ports"))) {
                assertThat(p.get("port")).as("Service %s port", name).isEqualTo(port);
                assertThat(containerPort(container, p.get("targetPort"))).as("Service %s targetPort", name).isEqualTo(port);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("renderingsAndServices")
    void probesOnTheActuatorHealthGroups(String dir, String service) {
        int port = ServiceFacts.serverPort(service);
        Map<String, Object> container = container(find(RENDERED.get(dir), "StatefulSet", service), service);
        assertProbe(container, "readinessProbe", ServiceFacts.READINESS_PATH, port);
        assertProbe(container, "livenessProbe", ServiceFacts.LIVENESS_PATH, port);
        // the startup probe must not wait for readiness: restoring a large state may take longer than any budget
        assertProbe(container, "startupProbe", ServiceFacts.LIVENESS_PATH, port);
        Map<String, Object> startup = map(container.get("startupProbe"));
        int budget = ((Number) startup.getOrDefault("periodSeconds", 10)).intValue()
                * ((Number) startup.getOrDefault("failureThreshold", 3)).intValue();
        assertThat(budget).as("startup budget in seconds (Spring start, broker wait of up to suite.topics.broker-timeout)")
                .isGreaterThanOrEqualTo(120);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("renderingsAndServices")
    void resourcesAndDisruptionBudget(String dir, String service) {
        List<Map<String, Object>> rendered = RENDERED.get(dir);
        Map<String, Object> sts = find(rendered, "StatefulSet", service);
        Map<String, Object> resources = map(container(sts, service).get("resources"));
        assertThat(str(at(resources, "requests", "cpu"))).as("%s %s cpu request", dir, service).isNotBlank();
        assertThat(str(at(resources, "requests", "memory"))).as("memory request").isNotBlank();
        assertThat(str(at(resources, "limits", "memory"))).as("memory limit").isNotBlank();
        assertThat(str(at(resources, "limits", "cpu"))).as("cpu limit").isNotBlank();

        Map<String, Object> pdb = rendered.stream()
                .filter(r -> "PodDisruptionBudget".equals(r.get("kind")))
                .filter(r -> podLabels(sts).entrySet().containsAll(map(at(r, "spec", "selector", "matchLabels")).entrySet()))
                .findFirst().orElseThrow(() -> new AssertionError(dir + ": no PodDisruptionBudget selects " + service));
        assertThat(at(pdb, "apiVersion")).isEqualTo("policy/v1");
        assertThat(at(pdb, "spec", "maxUnavailable") != null || at(pdb, "spec", "minAvailable") != null)
                .as("PDB %s sets maxUnavailable or minAvailable", service).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("renderingsAndServices")
    void staticMembershipApplicationServerAndStandbys(String dir, String service) {
        List<Map<String, Object>> rendered = RENDERED.get(dir);
        Map<String, Object> sts = find(rendered, "StatefulSet", service);
        Map<String, Object> container = container(sts, service);
        List<Map<String, Object>> env = maps(container.get("env"));

        assertThat(fieldRef(env, "SUITE_GROUP_INSTANCE_ID")).as("group.instance.id = the pod name").isEqualTo("metadata.name");
        assertThat(fieldRef(env, "POD_NAME")).isEqualTo("metadata.name");
        assertThat(fieldRef(env, "NAMESPACE")).isEqualTo("metadata.namespace");
        String headless = str(at(sts, "spec", "serviceName"));
        assertThat(value(env, "SUITE_APPLICATION_SERVER"))
                .isEqualTo("$(POD_NAME)." + headless + ".$(NAMESPACE).svc.cluster.local:" + ServiceFacts.serverPort(service));
        // Kubernetes expands $(VAR) only for variables defined earlier in the list
        List<String> names = env.stream().map(e -> str(e.get("name"))).toList();
        assertThat(names.indexOf("POD_NAME")).isLessThan(names.indexOf("SUITE_APPLICATION_SERVER"));
        assertThat(names.indexOf("NAMESPACE")).isLessThan(names.indexOf("SUITE_APPLICATION_SERVER"));

        Map<String, String> effective = env(rendered, container);
        assertThat(effective).containsEntry("SPRING_KAFKA_STREAMS_PROPERTIES_NUM_STANDBY_REPLICAS", "1");
        EnvCheck.assertBindsToRealProperties(dir + " StatefulSet " + service, service, effective, NOT_FOR_SPRING);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("renderingsAndServices")
    void prometheusScrapeAnnotations(String dir, String service) {
        Map<String, Object> sts = find(RENDERED.get(dir), "StatefulSet", service);
        Map<String, Object> annotations = map(at(sts, "spec", "template", "metadata", "annotations"));
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", ServiceFacts.PROMETHEUS_PATH)
                .containsEntry("prometheus.io/port", String.valueOf(ServiceFacts.serverPort(service)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("renderingsAndServices")
    void imageAndSecurityContext(String dir, String service) {
        Map<String, Object> sts = find(RENDERED.get(dir), "StatefulSet", service);
        String image = str(container(sts, service).get("image"));
        assertThat(image).as("%s %s image", dir, service).matches(".*(^|/)" + Pattern.quote(DockerImages.repository(service)) + ":[^:/]+$");
        Map<String, Object> security = map(at(sts, "spec", "template", "spec", "securityContext"));
        int[] user = DockerfileTest.runtimeUser();
        assertThat(security).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", user[0])
                .containsEntry("runAsGroup", user[1]).containsEntry("fsGroup", user[1]);
        assertThat(((Number) at(sts, "spec", "template", "spec", "terminationGracePeriodSeconds")).longValue())
                .as("terminationGracePeriodSeconds longer than Spring's shutdown phase").isGreaterThan(ServiceFacts.shutdownPhaseSeconds());
    }

    // --- per rendering

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/prod", "k8s"})
    void noServiceLinksAndResolvableConfigMaps(String dir) {
        List<Map<String, Object>> rendered = RENDERED.get(dir);
        for (Map<String, Object> workload : kind(rendered, "StatefulSet")) {
            assertThat(at(workload, "spec", "template", "spec", "enableServiceLinks"))
                    .as("%s %s: enableServiceLinks false (SERVICE_PORT style variables bind to Spring properties, and "
                            + "the kafka image refuses KAFKA_PORT)", dir, name(workload))
                    .isEqualTo(false);
            for (Map<String, Object> container : Kustomize.containers(workload)) {
                for (Map<String, Object> from : maps(container.get("envFrom"))) {
                    String ref = str(at(from, "configMapRef", "name"));
                    assertThat(kind(rendered, "ConfigMap")).as("%s: ConfigMap %s", dir, ref).anyMatch(c -> ref.equals(name(c)));
                }
            }
        }
    }

    @Test
    void replicas() {
        for (String service : ServiceFacts.SERVICES) {
            for (String dir : List.of("k8s/base", "k8s/overlays/prod", "k8s")) {
                assertThat(at(find(RENDERED.get(dir), "StatefulSet", service), "spec", "replicas")).as(dir + " " + service).isEqualTo(2);
            }
            assertThat(at(find(RENDERED.get("k8s/overlays/dev"), "StatefulSet", service), "spec", "replicas")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/prod"})
    void everythingInTheOverlaysNamespace(String dir) {
        List<Map<String, Object>> rendered = RENDERED.get(dir);
        List<Map<String, Object>> namespaces = kind(rendered, "Namespace");
        assertThat(namespaces).as(dir + " defines its namespace").hasSize(1);
        String namespace = name(namespaces.get(0));
        for (Map<String, Object> resource : rendered) {
            if (!"Namespace".equals(resource.get("kind"))) {
                assertThat(at(resource, "metadata", "namespace")).as("%s %s", resource.get("kind"), name(resource)).isEqualTo(namespace);
            }
        }
    }

    @Test
    void devRunsASingleNodeKraftKafka() {
        List<Map<String, Object>> rendered = RENDERED.get("k8s/overlays/dev");
        Map<String, Object> kafka = find(rendered, "StatefulSet", "kafka");
        Map<String, Object> container = container(kafka, "kafka");
        assertThat(str(container.get("image"))).startsWith("apache/kafka:");
        assertThat(str(container.get("image"))).isEqualTo(ComposeTest.service("kafka").get("image"));
        Map<String, String> env = env(rendered, container);
        assertThat(env.get("KAFKA_PROCESS_ROLES")).as("KRaft, combined broker and controller").contains("broker").contains("controller");
        assertThat(env).containsKeys("KAFKA_CONTROLLER_QUORUM_VOTERS", "CLUSTER_ID", "KAFKA_CONTROLLER_LISTENER_NAMES")
                .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        // exactly-once on one broker: the transaction state log with replication 1
        assertThat(env).containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        assertThat(maps(at(kafka, "spec", "volumeClaimTemplates"))).hasSize(1);
        assertThat(maps(container.get("volumeMounts"))).anySatisfy(m -> assertThat(m.get("mountPath")).isEqualTo(env.get("KAFKA_LOG_DIRS")));
        assertThat(find(rendered, "Service", str(at(kafka, "spec", "serviceName")))).isNotNull();

        // the services' bootstrap address is this broker's Service, and what the broker advertises
        String bootstrap = streamsConfig(rendered).get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
        String host = bootstrap.substring(0, bootstrap.indexOf(':'));
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        Map<String, Object> service = find(rendered, "Service", host);
        assertThat(maps(at(service, "spec", "ports"))).anySatisfy(p -> assertThat(p.get("port")).isEqualTo(port));
        assertSelects(service, kafka);
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("://" + bootstrap);
        assertThat(streamsConfig(rendered)).containsEntry("SUITE_TOPICS_REPLICATION_FACTOR", "1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/prod", "k8s"})
    void prodUsesAnExistingClusterWithReplicationThree(String dir) {
        List<Map<String, Object>> rendered = RENDERED.get(dir);
        assertThat(kind(rendered, "StatefulSet")).extracting(KubernetesTest::name)
                .containsExactlyInAnyOrderElementsOf(ServiceFacts.SERVICES);
        Map<String, String> config = streamsConfig(rendered);
        assertThat(config).containsEntry("SUITE_TOPICS_REPLICATION_FACTOR", "3");
        assertThat(config.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as("a broker outside this namespace").contains(".svc");
        for (String service : ServiceFacts.SERVICES) {
            String image = str(container(find(rendered, "StatefulSet", service), service).get("image"));
            assertThat(image).as("prod image of %s: a registry and a release tag", service).contains("/" + DockerImages.repository(service) + ":")
                    .doesNotEndWith(":latest");
        }
    }

    // --- helpers

    static List<Map<String, Object>> kind(List<Map<String, Object>> rendered, String kind) {
        return rendered.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    static String name(Map<String, Object> resource) {
        return str(at(resource, "metadata", "name"));
    }

    static Map<String, Object> find(List<Map<String, Object>> rendered, String kind, String name) {
        return kind(rendered, kind).stream().filter(r -> name.equals(name(r))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + rendered.stream()
                        .map(r -> r.get("kind") + "/" + name(r)).toList()));
    }

    static Map<String, Object> container(Map<String, Object> workload, String name) {
        return maps(at(workload, "spec", "template", "spec", "containers")).stream().filter(c -> name.equals(c.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no container " + name + " in " + name(workload)));
    }

    static Map<String, Object> podLabels(Map<String, Object> workload) {
        return map(at(workload, "spec", "template", "metadata", "labels"));
    }

    static void assertSelects(Map<String, Object> service, Map<String, Object> workload) {
        Map<String, Object> selector = map(at(service, "spec", "selector"));
        assertThat(selector).as("selector of Service %s", name(service)).isNotEmpty();
        assertThat(podLabels(workload)).as("Service %s selects the pods of %s", name(service), name(workload))
                .containsAllEntriesOf(selector);
        assertThat(map(at(workload, "spec", "selector", "matchLabels"))).isNotEmpty();
        assertThat(podLabels(workload)).containsAllEntriesOf(map(at(workload, "spec", "selector", "matchLabels")));
    }

    static Object containerPort(Map<String, Object> container, Object target) {
        if (target instanceof Number) {
            return target;
        }
        return maps(container.get("ports")).stream().filter(p -> String.valueOf(target).equals(p.get("name")))
                .map(p -> p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + target));
    }

    static void assertProbe(Map<String, Object> container, String probe, String path, int port) {
        Map<String, Object> httpGet = map(at(container, probe, "httpGet"));
        assertThat(httpGet).as("%s of %s", probe, container.get("name")).containsEntry("path", path);
        assertThat(containerPort(container, httpGet.get("port"))).as("%s port", probe).isEqualTo(port);
    }

    static String fieldRef(List<Map<String, Object>> env, String name) {
        return env.stream().filter(e -> name.equals(e.get("name"))).findFirst()
                .map(e -> str(at(e, "valueFrom", "fieldRef", "fieldPath")))
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    static String value(List<Map<String, Object>> env, String name) {
        return env.stream().filter(e -> name.equals(e.get("name"))).findFirst().map(e -> str(e.get("value")))
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

    /** A container's environment as the process sees it: envFrom ConfigMaps first, then env (which wins). */
    static Map<String, String> env(List<Map<String, Object>> rendered, Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : maps(container.get("envFrom"))) {
            String ref = str(at(from, "configMapRef", "name"));
            assertThat(ref).as("envFrom of %s: only configMapRef is used", container.get("name")).isNotNull();
            map(find(rendered, "ConfigMap", ref).get("data")).forEach((k, v) -> env.put(k, str(v)));
        }
        for (Map<String, Object> variable : maps(container.get("env"))) {
            Object fieldRef = at(variable, "valueFrom", "fieldRef", "fieldPath");
            env.put(str(variable.get("name")), fieldRef != null ? "$(fieldRef:" + fieldRef + ")" : str(variable.get("value")));
        }
        return env;
    }

    /** The data of the ConfigMap all three services share (the one whose name starts with streams-suite). */
    static Map<String, String> streamsConfig(List<Map<String, Object>> rendered) {
        Map<String, Object> sts = find(rendered, "StatefulSet", ServiceFacts.SERVICES.get(0));
        return env(rendered, container(sts, ServiceFacts.SERVICES.get(0)));
    }

    /** kind/namespace/name -> resource, ConfigMap hash suffixes removed (names and references). */
    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> rendered) {
        Map<String, Map<String, Object>> byId = new java.util.TreeMap<>();
        for (Map<String, Object> resource : rendered) {
            String id = resource.get("kind") + "/" + at(resource, "metadata", "namespace") + "/" + name(resource);
            assertThat(byId.put(id, resource)).as("duplicate " + id).isNull();
        }
        return byId;
    }

    /** A copy of a resource with kustomize's ConfigMap hash suffix removed from the generated ConfigMaps' names. */
    private static Map<String, Object> withoutHashSuffixes(Map<String, Object> resource, Set<String> generated) {
        Map<String, Object> c = map(Repo.yaml().load(Repo.yaml().dump(resource)));
        java.util.function.UnaryOperator<String> strip = n -> {
            java.util.regex.Matcher m = Pattern.compile("(.+)-[a-z0-9]{10}").matcher(n);
            return !generated.contains(n) && m.matches() && generated.contains(m.group(1)) ? m.group(1) : n;
        };
        if ("ConfigMap".equals(c.get("kind"))) {
            map(c.get("metadata")).put("name", strip.apply(name(c)));
        }
        for (Map<String, Object> container : Kustomize.containers(c)) {
            for (Map<String, Object> from : maps(container.get("envFrom"))) {
                Map<String, Object> ref = map(from.get("configMapRef"));
                ref.put("name", strip.apply(str(ref.get("name"))));
            }
        }
        return c;
    }
}
