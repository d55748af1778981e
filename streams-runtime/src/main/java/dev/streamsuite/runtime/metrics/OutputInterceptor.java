package dev.streamsuite.runtime.metrics;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Installed on Kafka Streams' producers by {@link StreamsMetrics}: every record acknowledged by the broker
 * counts in {@code suite.records.out} and, for output topics, in {@code suite.e2e.latency}. It sees exactly
 * what the sinks write, with no processor in the topology. Runs on the producer's I/O thread: a counter
 * increment and a histogram update per record.
 */
public final class OutputInterceptor implements ProducerInterceptor<byte[], byte[]> {

    /** The producer config entry (Kafka Streams: {@code producer.} + this) that carries the {@link RecordFlow}. */
    public static final String FLOW_CONFIG = "suite.metrics.record-flow";

    private RecordFlow flow;

    @Override
    public void configure(Map<String, ?> configs) {
        Object value = configs.get(FLOW_CONFIG);
        flow = value instanceof RecordFlow f ? f : null;
    }

    @Override
    public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (exception == null && metadata != null && flow != null) {
            flow.written(metadata.topic(), metadata.timestamp(), System.currentTimeMillis());
        }
    }

    @Override
    public void close() {
    }
}
