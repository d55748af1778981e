package dev.streamsuite.model;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdScalarSerializer;

/**
 * The one JSON configuration of the suite: ISO-8601 instants, {@code BigDecimal} for every JSON
 * fraction (never {@code double}), plain decimal output ({@code 45.50}, not {@code 4.55E+1}),
 * unknown fields ignored and duplicate fields rejected. Instants go through {@link Instants} (same text
 * as Jackson's own, without {@code java.time.format} on the hot path).
 */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .addModule(new SimpleModule("fast-instants")
                    .addSerializer(Instant.class, new InstantWriter())
                    .addDeserializer(Instant.class, new InstantReader()))
            .build();

    private Json() {
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String writeString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static <T> T read(byte[] bytes, Class<T> type) {
        return MAPPER.readValue(bytes, type);
    }

    /** Reads a tree, or throws {@link InvalidRecordException} with a readable reason. */
    public static JsonNode tree(byte[] bytes) {
        int invalid = Utf8.firstInvalid(bytes);
        if (invalid >= 0) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_JSON, String.format(
                    "value is not UTF-8 JSON text: byte 0x%02X at offset %d", bytes[invalid] & 0xFF, invalid));
        }
        try {
            return MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw new InvalidRecordException(InvalidRecordException.INVALID_JSON,
                    "value is not valid JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // Jackson reports a number beyond BigDecimal's range (1E+2147483648) this way: valid JSON, a value out of range
            throw new InvalidRecordException(InvalidRecordException.OUT_OF_RANGE,
                    "value holds a number beyond the range of a decimal: " + e.getMessage());
        }
    }

    /** A Kafka serde of {@code type} as JSON; null stays null (tombstones). */
    public static <T> Serde<T> serde(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : write(value);
        Deserializer<T> deserializer = new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] bytes) {
                if (bytes == null) {
                    return null;
                }
                try {
                    return read(bytes, type);
                } catch (JacksonException | NumberFormatException e) {
                    throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic, e);
                }
            }

            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static final class InstantWriter extends StdScalarSerializer<Instant> {
        InstantWriter() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializationContext context) {
            gen.writeString(Instants.format(value));
        }
    }

    /** Canonical ISO text on the fast path; every other form as Jackson's own deserializer reads it. */
    private static final class InstantReader extends StdScalarDeserializer<Instant> {
        InstantReader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                Instant fast = Instants.parseCanonical(parser.getString());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
