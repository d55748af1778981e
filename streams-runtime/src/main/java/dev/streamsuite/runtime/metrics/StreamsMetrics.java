package dev.streamsuite.runtime.metrics;

import dev.streamsuite.runtime.streams.ServiceTopology;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The suite's metrics of one service, in Micrometer. Before Kafka Streams starts, {@link #instrument}
 * <ul>
 *   <li>adds a {@link SourceProbe} under every source node of the topology ({@code <source>-metrics}):
 *       {@code suite.records.in{topic}} and {@code suite.watermark.lag{task}};</li>
 *   <li>installs the {@link OutputInterceptor} on Kafka Streams' producers: {@code suite.records.out{topic}}
 *       and the {@code suite.e2e.latency{topic}} histogram;</li>
 * </ul>
 * and {@link #restoreListener()} gives the {@code suite.restore.*} meters. The topology classes stay
 * unaware of all of this (their {@code TopologyTestDriver} tests run them unchanged).
 *
 * <p>Why these hooks: Kafka Streams' own per-topic counts are either consumer-side (records fetched, which
 * differs from processed after a rebalance) or DEBUG-level processor-node metrics, and its
 * {@code record-e2e-latency} is only avg/min/max per node, not a histogram. A probe child costs one
 * counter increment per record; the interceptor sees exactly what the sinks write without adding nodes in
 * front of them.
 */
public final class StreamsMetrics {

    /** Suffix of the probe processors' names. */
    public static final String PROBE_SUFFIX = "-metrics";

    private final RecordFlow flow;
    private final WatermarkLag watermarks;
    private final RestoreMetrics restore;

    public StreamsMetrics(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    StreamsMetrics(MeterRegistry registry, Clock clock) {
        this.flow = new RecordFlow(registry);
        this.watermarks = new WatermarkLag(registry, clock);
        this.restore = new RestoreMetrics(registry);
    }

    /** Adds the probes to the service's topology and the interceptor to {@code streamsConfig}; call once, before start. */
    public void instrument(ServiceTopology service, Properties streamsConfig) {
        Topology topology = service.topology();
        String applicationId = String.valueOf(streamsConfig.get(StreamsConfig.APPLICATION_ID_CONFIG));
        TopologyDescription description = topology.describe();

        Set<String> sinkNames = new LinkedHashSet<>();
        Set<String> sourceNames = new LinkedHashSet<>();
        List<String> sourceNodes = new ArrayList<>();
        Set<String> stores = new LinkedHashSet<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    if (node.name().endsWith(PROBE_SUFFIX)) {
                        continue;
                    }
                    sourceNodes.add(source.name());
                    if (source.topicSet() != null) {
                        sourceNames.addAll(source.topicSet());
                    }
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    sinkNames.add(sink.topic());
                } else if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
        }
        for (TopologyDescription.GlobalStore global : description.globalStores()) {
            stores.addAll(global.processor().stores());
        }
        if (sourceNodes.stream().anyMatch(name -> hasProbe(description, name))) {
            return; // instrumented already
        }
        for (String source : sourceNodes) {
            topology.addProcessor(source + PROBE_SUFFIX, () -> new SourceProbe(flow, watermarks), source);
        }

        // A repartition topic appears in the description under its short name, both as a sink and a source;
        // Kafka Streams prefixes it with the application id.
        Set<String> internal = new LinkedHashSet<>();
        for (String name : sinkNames) {
            if (sourceNames.contains(name) && name.endsWith("-repartition")) {
                internal.add(name);
            }
        }
        Set<String> inputs = new LinkedHashSet<>();
        sourceNames.forEach(t -> inputs.add(internal.contains(t) ? applicationId + "-" + t : t));
        Set<String> outputs = new LinkedHashSet<>();
        Set<String> latencyTopics = new LinkedHashSet<>();
        for (String t : sinkNames) {
            outputs.add(internal.contains(t) ? applicationId + "-" + t : t);
            if (!internal.contains(t) && !t.endsWith(".dlq")) {
                latencyTopics.add(t);
            }
        }
        flow.register(inputs, outputs, latencyTopics);
        restore.register(stores);

        String interceptors = StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
        Object existing = streamsConfig.get(interceptors);
        if (existing == null) {
            existing = streamsConfig.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
        }
        String mine = OutputInterceptor.class.getName();
        streamsConfig.put(interceptors, existing == null || existing.toString().isBlank() ? mine
                : existing.toString().contains(mine) ? existing.toString() : existing + "," + mine);
        streamsConfig.put(StreamsConfig.producerPrefix(OutputInterceptor.FLOW_CONFIG), flow);
    }

    private static boolean hasProbe(TopologyDescription description, String source) {
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node.name().equals(source + PROBE_SUFFIX)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Kafka Streams' restore listener events to the {@code suite.restore.*} meters. */
    public StateRestoreListener restoreListener() {
        return restore;
    }
}
