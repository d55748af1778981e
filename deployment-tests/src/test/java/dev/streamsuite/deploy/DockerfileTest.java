package dev.streamsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streamsuite.deploy.Dockerfile.Stage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The root Dockerfile and .dockerignore, checked against the build and the services. */
class DockerfileTest {

    static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
    static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    private final Dockerfile dockerfile = Dockerfile.read();

    static List<String> services() {
        return ServiceFacts.SERVICES;
    }

    @Test
    void stagesAndBaseImages() {
        assertThat(dockerfile.stages).extracting(Stage::name)
                .containsExactly("build", "runtime", "load-generator", "service");
        assertThat(dockerfile.stage("build").from()).isEqualTo("eclipse-temurin:17-jdk");
        assertThat(dockerfile.stage("runtime").from()).as("a JRE, not a JDK, at run time").isEqualTo("eclipse-temurin:17-jre");
        assertThat(dockerfile.stage("service").from()).isEqualTo("runtime");
        assertThat(dockerfile.stage("load-generator").from()).isEqualTo("runtime");
        assertThat(dockerfile.last().name()).as("the default target").isEqualTo("service");
        assertThat(Repo.read("Dockerfile")).startsWith("# syntax=docker/dockerfile:1");  // RUN --mount needs BuildKit
    }

    @Test
    void buildsTheChosenServiceFromSourcesWithTheWrapper() {
        Stage build = dockerfile.stage("build");
        assertThat(build.all("ARG")).contains("SERVICE", "PORT");
        assertThat(build.all("COPY")).contains(". .");
        String maven = build.all("RUN").stream().filter(r -> r.contains("mvnw")).findFirst().orElseThrow();
        assertThat(maven).contains("--mount=type=cache,target=/root/.m2")
                .containsPattern("\\./mvnw -B -q -pl \"\\$\\{SERVICE}\" -am package -DskipTests")
                .contains("cp \"${SERVICE}/target/${SERVICE}.jar\" /application.jar");
        assertThat(Files.isRegularFile(Repo.path("mvnw"))).isTrue();
        // <service>/target/<service>.jar: every module the image builds names its jar after itself
        for (String module : List.of("purchase-aggregator", "order-enricher", "fraud-detector", "load-generator")) {
            assertThat(Repo.read(module + "/pom.xml")).as(module + "/pom.xml").contains("<finalName>${project.artifactId}</finalName>");
        }
    }

    @Test
    void buildArgumentCheckNamesEveryServiceWithItsServerPort() {
        String check = dockerfile.stage("build").all("RUN").stream().filter(r -> r.startsWith("case ")).findFirst()
                .orElseThrow(() -> new AssertionError("no SERVICE/PORT check in the build stage"));
        for (String service : ServiceFacts.SERVICES) {
            assertThat(check).contains(service + ":" + ServiceFacts.serverPort(service));
        }
        assertThat(check).contains("load-generator:*").contains("exit 1");
    }

    @Test
    void layeredJarWithLauncher() {
        String extract = dockerfile.stage("build").all("RUN").stream().filter(r -> r.contains("jarmode")).findFirst().orElseThrow();
        assertThat(extract).isEqualTo("java -Djarmode=tools -jar /application.jar extract --layers --launcher --destination /layers");
        List<String> copies = dockerfile.stage("runtime").all("COPY");
        assertThat(copies).containsExactlyElementsOf(LAYERS.stream().map(l -> "--from=build /layers/" + l + "/ ./").toList());
        assertThat(entrypoint()).contains(LAUNCHER).contains("-XX:MaxRAMPercentage=50").contains("exec java")
                .contains("$JAVA_OPTS");
    }

    /** The real jar of a service (when it has been built) has exactly the layers the Dockerfile copies. */
    @ParameterizedTest
    @MethodSource("services")
    void layersMatchTheBuiltJar(String service, @TempDir Path temp) throws Exception {
        Path jar = Repo.path(service + "/target/" + service + ".jar");
        assumeTrue(Files.isRegularFile(jar), "SKIPPED: " + jar + " not built (./mvnw package builds it)");
        assertThat(java(temp, "-Djarmode=tools", "-jar", jar.toString(), "list-layers").lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList()).isEqualTo(LAYERS);
        Path destination = temp.resolve("layers");
        java(temp, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers", "--launcher", "--destination",
                destination.toString());
        for (String layer : LAYERS) {
            assertThat(destination.resolve(layer)).isDirectory();
        }
        assertThat(destination.resolve("spring-boot-loader/" + LAUNCHER.replace('.', '/') + ".class")).isRegularFile();
        assertThat(destination.resolve("application/BOOT-INF/classes/application.yml")).isRegularFile();
    }

    @Test
    void nonRootUserStateVolumePortAndHealthCheck() {
        int[] user = runtimeUser();
        assertThat(user[0]).as("uid").isPositive();
        assertThat(user[1]).as("gid").isPositive();
        String setup = dockerfile.stage("runtime").all("RUN").get(0);
        assertThat(setup).contains("--uid " + user[0]).contains("--gid " + user[1])
                .contains("chown " + user[0] + ":" + user[1] + " " + ServiceFacts.STATE_DIR);

        Stage service = dockerfile.stage("service");
        assertThat(service.one("VOLUME")).isEqualTo("[\"" + ServiceFacts.STATE_DIR + "\"]");
        assertThat(service.one("ENV")).contains("SPRING_KAFKA_STREAMS_STATE_DIR=" + ServiceFacts.STATE_DIR)
                .contains("SERVER_PORT=${PORT}");
        assertThat(service.one("EXPOSE")).isEqualTo("${PORT}");
        assertThat(service.one("HEALTHCHECK")).contains("http://localhost:${SERVER_PORT}" + ServiceFacts.READINESS_PATH);
        assertThat(dockerfile.effective("service", "USER")).hasSize(1);
        assertThat(dockerfile.effective("load-generator", "USER")).hasSize(1);
    }

    @Test
    void dockerignoreKeepsWhatTheBuildNeeds() {
        List<String> patterns = Repo.read(".dockerignore").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> needed = new ArrayList<>(List.of("pom.xml", "mvnw", ".mvn/wrapper/maven-wrapper.properties"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(Repo.read("pom.xml"));
        while (module.find()) {
            // Maven reads every module of the root pom, also with -pl
            needed.add(module.group(1) + "/pom.xml");
            needed.add(module.group(1) + "/src/main/java/Some.java");
            needed.add(module.group(1) + "/src/main/resources/application.yml");
        }
        for (String path : needed) {
            assertThat(excluded(patterns, path)).as(".dockerignore must not exclude " + path).isFalse();
        }
        for (String path : List.of("purchase-aggregator/target/purchase-aggregator.jar", "target/x", ".git/HEAD",
                "data/state/x", "k8s/base/kustomization.yaml")) {
            assertThat(excluded(patterns, path)).as(".dockerignore excludes " + path).isTrue();
        }
    }

    // --- helpers

    /** {uid, gid} of the runtime stage's USER (numeric, so Kubernetes' runAsNonRoot can verify it). */
    static int[] runtimeUser() {
        String user = Dockerfile.read().stage("runtime").one("USER");
        assertThat(user).as("USER uid:gid, numeric").matches("\\d+:\\d+");
        return Arrays.stream(user.split(":")).mapToInt(Integer::parseInt).toArray();
    }

    String entrypoint() {
        return dockerfile.stage("runtime").one("ENTRYPOINT");
    }

    /** Docker's .dockerignore matching: a path is out when it or one of its parent directories matches. */
    static boolean excluded(List<String> patterns, String path) {
        boolean out = false;
        for (String raw : patterns) {
            boolean negate = raw.startsWith("!");
            String pattern = (negate ? raw.substring(1) : raw).replaceAll("^/+", "");
            Pattern regex = Pattern.compile(glob(pattern));
            String prefix = "";
            for (String part : path.split("/")) {
                prefix = prefix.isEmpty() ? part : prefix + "/" + part;
                if (regex.matcher(prefix).matches()) {
                    out = !negate;
                    break;
                }
            }
        }
        return out;
    }

    private static String glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                regex.append("(.*/)?");
                i += 2;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private static String java(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, out).isZero();
        return out;
    }
}
