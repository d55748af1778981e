package dev.streamsuite.runtime.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query addresses ({@code application.server}) of the instances in this instance's last assignment, kept in its
 * state directory. An instance learns who holds what only from an assignment, and a restart after a crash gets its
 * first one only once the group has dropped the crashed member (up to {@code session.timeout.ms}); meanwhile these
 * addresses let it pass a query on to an instance that can answer it.
 */
public final class PeerHints {

    private static final Logger log = LoggerFactory.getLogger(PeerHints.class);

    private final Path file;

    public PeerHints(Path file) {
        this.file = file;
    }

    /** The saved addresses; none when nothing was saved or the file cannot be read (lines that are no address are skipped). */
    public List<HostInfo> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<HostInfo> hosts = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                HostInfo host = parse(line.trim());
                if (host != null) {
                    hosts.add(host);
                }
            }
            return List.copyOf(hosts);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read the other instances' addresses from {}: {}", file, e.toString());
            return List.of();
        }
    }

    /** Replaces the saved addresses (written whole, then moved into place, so a crash leaves the old or the new list). */
    public void save(Collection<HostInfo> hosts) {
        StringBuilder text = new StringBuilder();
        hosts.forEach(h -> text.append(h.host()).append(':').append(h.port()).append('\n'));
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // only the answers of a restart before its first assignment depend on it
            log.warn("Could not save the other instances' addresses to {}: {}", file, e.toString());
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the next save replaces it
            }
        }
    }

    private static HostInfo parse(String line) {
        int colon = line.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            int port = Integer.parseInt(line.substring(colon + 1));
            return port >= 1 && port <= 65535 ? new HostInfo(line.substring(0, colon), port) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
