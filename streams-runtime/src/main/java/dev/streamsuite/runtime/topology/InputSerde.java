package dev.streamsuite.runtime.topology;

import dev.streamsuite.model.Binary;
import dev.streamsuite.model.InvalidRecordException;
import dev.streamsuite.model.Validated;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads input values into {@link Input}s and never throws: bad bytes become an invalid Input, so no
 * deserialization handler can skip a record silently. Writes an Input as its original bytes; across a
 * repartition topic {@link #repartitioned} also carries the parsed value, so it is not parsed twice.
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

    /**
     * For a repartition topic of valid inputs: the value in {@link Binary} form ahead of the original
     * bytes, so the aggregating side neither parses nor validates it again (parsing twice was a quarter of
     * a stream thread's time). Records without the format byte (written by an earlier version, still in the
     * topic after an upgrade) are parsed from their JSON as before.
     */
    public static <T> Serde<Input<T>> repartitioned(Function<byte[], Validated<T>> parser,
                                                    BiConsumer<Binary.Writer, T> write,
                                                    Function<Binary.Reader, T> read) {
        Serde<Input<T>> legacy = of(parser, false);
        Serializer<Input<T>> serializer = (topic, input) -> {
            if (input == null || input.raw() == null || !input.isValid()) {
                return legacy.serializer().serialize(topic, input);
            }
            Binary.Writer out = new Binary.Writer(input.raw().length + 48);
            out.writeByte(Binary.FORMAT_1);
            write.accept(out, input.value());
            return out.writeBytes(input.raw()).toByteArray();
        };
        Deserializer<Input<T>> deserializer = (topic, bytes) -> {
            if (bytes == null || bytes.length == 0 || bytes[0] != Binary.FORMAT_1) {
                return legacy.deserializer().deserialize(topic, bytes);
            }
            Binary.Reader in = new Binary.Reader(bytes, 1);
            T value = read.apply(in);
            byte[] raw = in.readBytes();
            in.requireEnd(topic);
            return new Input<>(raw, Validated.valid(value));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
