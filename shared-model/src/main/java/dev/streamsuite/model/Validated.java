package dev.streamsuite.model;

import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The outcome of reading one input record: a value, or a readable reason (with a short code for
 * metrics) why it is bad input.
 */
public record Validated<T>(T value, String code, String reason) {

    public static <T> Validated<T> valid(T value) {
        return new Validated<>(value, null, null);
    }

    public static <T> Validated<T> invalid(String code, String reason) {
        return new Validated<>(null, code, reason);
    }

    public boolean isValid() {
        return reason == null;
    }

    /** Parses a JSON object with {@code reader}, turning any {@link InvalidRecordException} into a reason. */
    public static <T> Validated<T> parse(byte[] json, Function<Fields, T> reader) {
        if (json == null) {
            return invalid(InvalidRecordException.MISSING_FIELD, "value is null");
        }
        try {
            JsonNode tree = Json.tree(json);
            return valid(reader.apply(Fields.of(tree)));
        } catch (InvalidRecordException e) {
            return invalid(e.code(), e.getMessage());
        }
    }
}
