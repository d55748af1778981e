package dev.streamsuite.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization: with {@code kubectl kustomize} (or {@code kustomize build}) when one is on the PATH,
 * otherwise with {@link #renderBuiltIn}, a small implementation of exactly the kustomize features k8s/ uses
 * (resources, namespace, configMapGenerator with literals and merge, replicas, images). The built-in renderer
 * fails on any other kustomization field, so k8s/ cannot start using a feature it silently ignores; when
 * kubectl is present, a test compares the two renderings.
 */
final class Kustomize {

    private Kustomize() {
    }

    /**
     * kubectl or kustomize on the PATH, as the command prefix that renders a directory; none when the system
     * property kustomize.tool is "none" (./mvnw -pl deployment-tests verify -Dkustomize.tool=none).
     */
    static Optional<List<String>> tool() {
        if ("none".equals(System.getProperty("kustomize.tool"))) {
            return Optional.empty();
        }
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isPresent()) {
            return Optional.of(List.of(kubectl.get().toString(), "kustomize"));
        }
        return onPath("kustomize").map(k -> List.of(k.toString(), "build"));
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The rendering of a directory by the real tool; fails when there is none (callers check {@link #tool()}). */
    static List<Map<String, Object>> renderWithTool(Path dir) {
        List<String> command = new ArrayList<>(tool().orElseThrow());
        command.add(dir.toString());
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            String error = Files.readString(err);
            Files.deleteIfExists(err);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + error);
            }
            return Repo.yamlDocuments(out);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The rendering used by the checks: the real tool when there is one, else the built-in renderer. */
    static List<Map<String, Object>> render(Path dir) {
        return tool().isPresent() ? renderWithTool(dir) : renderBuiltIn(dir);
    }

    static String renderer() {
        return tool().map(t -> String.join(" ", t)).orElse("the built-in kustomize subset (no kubectl or kustomize on the PATH, or -Dkustomize.tool=none)");
    }

    // --- the built-in renderer

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace",
            "configMapGenerator", "replicas", "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");

    static List<Map<String, Object>> renderBuiltIn(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no kustomization.yaml in " + dir);
        }
        Map<String, Object> k = Repo.map(Repo.yaml().load(Repo.read(file)));
        for (String key : k.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new AssertionError(file + ": '" + key + "' is not supported by the built-in renderer of "
                        + "deployment-tests (supported: " + SUPPORTED + "); extend Kustomize.renderBuiltIn or render "
                        + "with kubectl");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : Repo.list(k.get("resources"))) {
            Path resource = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(renderBuiltIn(resource));
            } else {
                for (Map<String, Object> document : Repo.yamlDocuments(Repo.read(resource))) {
                    resources.add(deepCopy(document));
                }
            }
        }
        for (Map<String, Object> generator : Repo.maps(k.get("configMapGenerator"))) {
            String name = String.valueOf(generator.get("name"));
            String behavior = String.valueOf(generator.getOrDefault("behavior", "create"));
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object literal : Repo.list(generator.get("literals"))) {
                String s = String.valueOf(literal);
                int eq = s.indexOf('=');
                data.put(s.substring(0, eq), s.substring(eq + 1));
            }
            Optional<Map<String, Object>> existing = resources.stream()
                    .filter(r -> "ConfigMap".equals(r.get("kind")) && name.equals(Repo.at(r, "metadata", "name")))
                    .findFirst();
            switch (behavior) {
                case "create" -> {
                    if (existing.isPresent()) {
                        throw new AssertionError(file + ": ConfigMap " + name + " generated twice");
                    }
                    Map<String, Object> configMap = new LinkedHashMap<>();
                    configMap.put("apiVersion", "v1");
                    configMap.put("kind", "ConfigMap");
                    configMap.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
                    configMap.put("data", data);
                    resources.add(configMap);
                }
                case "merge", "replace" -> {
                    Map<String, Object> configMap = existing.orElseThrow(
                            () -> new AssertionError(file + ": " + behavior + " of ConfigMap " + name + ", which the resources lack"));
                    if (behavior.equals("replace")) {
                        configMap.put("data", data);
                    } else {
                        Repo.map(configMap.computeIfAbsent("data", x -> new LinkedHashMap<>())).putAll(data);
                    }
                }
                default -> throw new AssertionError(file + ": unknown behavior " + behavior);
            }
        }
        for (Map<String, Object> replicas : Repo.maps(k.get("replicas"))) {
            Map<String, Object> target = resources.stream()
                    .filter(r -> Set.of("StatefulSet", "Deployment", "ReplicaSet").contains(r.get("kind"))
                            && replicas.get("name").equals(Repo.at(r, "metadata", "name")))
                    .findFirst().orElseThrow(() -> new AssertionError(file + ": replicas for unknown " + replicas.get("name")));
            Repo.map(target.get("spec")).put("replicas", replicas.get("count"));
        }
        for (Map<String, Object> image : Repo.maps(k.get("images"))) {
            for (Map<String, Object> resource : resources) {
                for (Map<String, Object> container : containers(resource)) {
                    String current = String.valueOf(container.get("image"));
                    int colon = current.lastIndexOf(':');
                    String name = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                    String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : null;
                    if (name.equals(image.get("name"))) {
                        String newName = image.containsKey("newName") ? String.valueOf(image.get("newName")) : name;
                        String newTag = image.containsKey("newTag") ? String.valueOf(image.get("newTag")) : tag;
                        container.put("image", newTag == null ? newName : newName + ":" + newTag);
                    }
                }
            }
        }
        if (k.containsKey("namespace")) {
            for (Map<String, Object> resource : resources) {
                if (!CLUSTER_SCOPED.contains(String.valueOf(resource.get("kind")))) {
                    Repo.map(resource.get("metadata")).put("namespace", k.get("namespace"));
                }
            }
        }
        return resources;
    }

    static List<Map<String, Object>> containers(Map<String, Object> resource) {
        List<Map<String, Object>> containers = new ArrayList<>();
        containers.addAll(Repo.maps(Repo.at(resource, "spec", "template", "spec", "containers")));
        containers.addAll(Repo.maps(Repo.at(resource, "spec", "template", "spec", "initContainers")));
        return containers;
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }
}
