package dev.streamsuite.runtime.streams;

import java.util.List;
import org.apache.kafka.streams.Topology;

/**
 * What a service gives the runtime: its topology (built by a plain class) and the topics it reads and
 * writes, which are created on start-up when missing.
 */
public record ServiceTopology(Topology topology, List<TopicSpec> topics) {

    /**
     * A topic the service needs: an {@code input} it reads (customers' is {@code compacted}), or an output it writes.
     * Outputs are created to take records up to {@link #OUTPUT_MAX_MESSAGE_BYTES}: a result or dead letter is its
     * input plus a little (headers, a customer), so an input near the broker's default 1 MB limit must still fit.
     */
    public record TopicSpec(String name, boolean compacted, boolean input) {

        public static TopicSpec input(String name) {
            return new TopicSpec(name, false, true);
        }

        public static TopicSpec compactedInput(String name) {
            return new TopicSpec(name, true, true);
        }

        public static TopicSpec output(String name) {
            return new TopicSpec(name, false, false);
        }
    }

    /**
     * The largest record the services write: four times the broker's default limit, which inputs keep. A
     * repartitioned order carries its parsed form next to its bytes, so it is up to twice its input's size.
     */
    public static final int OUTPUT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
}
