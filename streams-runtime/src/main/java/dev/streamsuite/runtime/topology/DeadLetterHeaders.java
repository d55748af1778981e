package dev.streamsuite.runtime.topology;

import dev.streamsuite.model.Texts;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a bad input record into its dead-letter record: original value bytes, the contract's
 * {@code error.*} headers, and the wall-clock time (a bad record's own time may be unusable, and a
 * dead letter must not expire with ancient event time).
 */
final class DeadLetterHeaders<T> implements FixedKeyProcessor<byte[], Input<T>, byte[]> {

    public static final String REASON = "error.reason";
    public static final String SOURCE_TOPIC = "error.source.topic";
    public static final String SOURCE_PARTITION = "error.source.partition";
    public static final String SOURCE_OFFSET = "error.source.offset";

    /** Characters of a reason kept in the header and the log line. */
    static final int MAX_REASON = 1000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterHeaders.class);

    private final TopologyEvents events;
    private FixedKeyProcessorContext<byte[], byte[]> context;

    DeadLetterHeaders(TopologyEvents events) {
        this.events = events;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<byte[], Input<T>> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        Input<T> input = record.value();
        Headers headers = record.headers();
        // reasons quote input (cut and escaped where they do); this bounds whatever else a reason may carry
        String reason = Texts.printable(input.errorReason(), MAX_REASON);
        set(headers, REASON, reason);
        set(headers, SOURCE_TOPIC, source.topic());
        set(headers, SOURCE_PARTITION, Integer.toString(source.partition()));
        set(headers, SOURCE_OFFSET, Long.toString(source.offset()));
        log.warn("Bad input {}-{}@{} to {}.dlq: {}", source.topic(), source.partition(), source.offset(),
                source.topic(), reason);
        events.deadLettered(source.topic(), input.errorCode());
        context.forward(record.withValue(input.raw()).withTimestamp(context.currentSystemTimeMs()));
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
