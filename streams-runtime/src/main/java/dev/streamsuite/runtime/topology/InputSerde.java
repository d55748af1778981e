package dev.streamsuite.runtime.topology;

import dev.streamsuite.model.InvalidRecordException;
import dev.streamsuite.model.Validated;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads input values into {@link Input}s and never throws: bad bytes become an invalid Input, so no
 * deserialization handler can skip a record silently. Writes an Input as its original bytes, so it can
 * also cross a repartition topic (where it is re-read, already known to be valid).
 */
public final class InputSerde {

    private InputSerde() {
    }

    public static <T> Serde<Input<T>> of(Function<byte[], Validated<T>> parser, boolean tombstones) {
        Serializer<Input<T>> serializer = (topic, input) -> input == null ? null : input.raw();
        Deserializer<Input<T>> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return new Input<>(null, tombstones ? Validated.valid(null)
                        : Validated.invalid(InvalidRecordException.MISSING_FIELD, "value is null"));
            }
            return new Input<>(bytes, parser.apply(bytes));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
