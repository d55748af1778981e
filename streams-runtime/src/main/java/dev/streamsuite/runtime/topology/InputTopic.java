package dev.streamsuite.runtime.topology;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Reads an input topic the way every service must: values validated, event time from the value, and
 * every bad record (unchanged key and value bytes, {@code error.*} headers) to {@code <topic>.dlq}
 * inside the same exactly-once transaction. Returns the valid records with their keys as strings (null
 * stays null); nothing is dropped silently.
 *
 * <p>Processor names: {@code <topic>-source}, {@code <topic>-validate-valid|invalid},
 * {@code <topic>-dlq-headers}, {@code <topic>-dlq-sink}, {@code <topic>-valid}. The returned stream is
 * not repartitioned: a topology that needs another key repartitions explicitly.
 */
public final class InputTopic {

    private InputTopic() {
    }

    public static <T> KStream<String, Input<T>> read(StreamsBuilder builder, InputSpec<T> spec, Duration maxFutureSkew,
                                                     TopologyEvents events) {
        return read(builder, spec, maxFutureSkew, events, Clock.systemUTC());
    }

    public static <T> KStream<String, Input<T>> read(StreamsBuilder builder, InputSpec<T> spec, Duration maxFutureSkew,
                                                     TopologyEvents events, Clock clock) {
        String topic = spec.topic();
        events.mayDeadLetter(topic);
        Serde<Input<T>> valueSerde = InputSerde.of(spec.parser(), spec.tombstones());
        KStream<byte[], Input<T>> source = builder.stream(topic,
                Consumed.with(Serdes.ByteArray(), valueSerde)
                        .withTimestampExtractor(new InputTimestampExtractor<>(spec, maxFutureSkew, clock))
                        .withName(topic + "-source"));
        var branches = source.split(Named.as(topic + "-validate-"))
                .branch((key, input) -> !input.isValid(), Branched.as("invalid"))
                .defaultBranch(Branched.as("valid"));
        branches.get(topic + "-validate-invalid")
                .processValues(() -> new DeadLetterHeaders<T>(events), Named.as(topic + "-dlq-headers"))
                .to(spec.deadLetterTopic(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(topic + "-dlq-sink"));
        return branches.get(topic + "-validate-valid")
                .map((key, input) -> KeyValue.pair(key == null ? null : new String(key, StandardCharsets.UTF_8), input),
                        Named.as(topic + "-valid"));
    }
}
