package dev.streamsuite.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerHintsTest {

    @Test
    void theLastSavedAddressesAreLoadedBackAndNothingBeforeTheFirstSave(@TempDir Path dir) {
        PeerHints hints = new PeerHints(dir.resolve("app").resolve("query-peers"));
        assertThat(hints.load()).isEmpty();

        hints.save(List.of(new HostInfo("orders-0.orders", 8082), new HostInfo("127.0.0.1", 48093)));
        hints.save(List.of(new HostInfo("orders-1.orders", 8082), new HostInfo("::1", 8083)));

        assertThat(new PeerHints(dir.resolve("app").resolve("query-peers")).load())
                .containsExactly(new HostInfo("orders-1.orders", 8082), new HostInfo("::1", 8083));
        assertThat(dir.resolve("app")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void linesThatAreNoAddressAreSkipped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("query-peers");
        Files.writeString(file, "a:1\nno-port\n:80\nb:0\nc:65536\nd:x\n\n e:2 \n");
        assertThat(new PeerHints(file).load()).containsExactly(new HostInfo("a", 1), new HostInfo("e", 2));
    }
}
