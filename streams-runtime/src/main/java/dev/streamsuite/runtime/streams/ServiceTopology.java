package dev.streamsuite.runtime.streams;

import java.util.List;
import org.apache.kafka.streams.Topology;

/**
 * What a service gives the runtime: its topology (built by a plain class) and the topics it reads and
 * writes, which are created on start-up when missing.
 */
public record ServiceTopology(Topology topology, List<TopicSpec> topics) {

    /** A topic the service needs; {@code compacted} for changelog-like inputs such as customers. */
    public record TopicSpec(String name, boolean compacted) {

        public static TopicSpec of(String name) {
            return new TopicSpec(name, false);
        }

        public static TopicSpec compacted(String name) {
            return new TopicSpec(name, true);
        }
    }
}
