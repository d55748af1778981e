package dev.streamsuite.localkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Formats a KRaft log directory (once) and runs {@code kafka.Kafka} in this JVM.
 *
 * <pre>java -cp ... dev.streamsuite.localkafka.LocalKafka --port 9092 --dir data/kafka [--partitions 6]</pre>
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = parse(args);
        int port = Integer.parseInt(options.getOrDefault("port", "9092"));
        int controllerPort = Integer.parseInt(options.getOrDefault("controller-port", String.valueOf(port + 1)));
        Path dir = Path.of(options.getOrDefault("dir", "data/kafka")).toAbsolutePath();
        String partitions = options.getOrDefault("partitions", "6");

        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        Path config = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            serverProperties(port, controllerPort, logs, partitions).store(out, "written by LocalKafka");
        }
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(config);
        }
        System.out.printf("LocalKafka: starting broker on 127.0.0.1:%d (data in %s)%n", port, dir);
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Properties serverProperties(int port, int controllerPort, Path logs, String partitions) {
        Properties p = new Properties();
        try (InputStream defaults = LocalKafka.class.getResourceAsStream("/local-kafka.properties")) {
            p.load(defaults);
        } catch (IOException e) {
            throw new IllegalStateException("local-kafka.properties missing from the jar", e);
        }
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("num.partitions", partitions);
        return p;
    }

    private static void format(Path config) {
        List<String> formatArgs = new ArrayList<>(List.of("format", "--config", config.toString(),
                "--cluster-id=" + uuidToClusterId(UUID.randomUUID()), "--standalone", "--ignore-formatted"));
        int rc = kafka.tools.StorageTool.execute(formatArgs.toArray(String[]::new), new PrintStream(System.out, true));
        if (rc != 0) {
            throw new IllegalStateException("formatting the KRaft log directory failed with exit code " + rc);
        }
    }

    /** Kafka cluster ids are 22-character URL-safe base64 UUIDs; one may start with "-", hence "--cluster-id=". */
    private static String uuidToClusterId(UUID uuid) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: LocalKafka --port N --dir PATH [--controller-port N] [--partitions N]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
