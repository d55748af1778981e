package dev.streamsuite.model;

import static dev.streamsuite.model.InvalidRecordException.MISSING_FIELD;
import static dev.streamsuite.model.InvalidRecordException.OUT_OF_RANGE;
import static dev.streamsuite.model.InvalidRecordException.WRONG_TYPE;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Typed, validating access to the fields of one JSON object. Every getter either returns a value that
 * satisfies the contract's conventions or throws {@link InvalidRecordException} naming the field.
 */
public final class Fields {

    /** Ids are non-blank strings of at most this many characters. */
    public static final int MAX_ID_LENGTH = 256;
    /** Money has at most this many decimals. */
    public static final int MAX_MONEY_SCALE = 4;
    /** Money has at most this many integer digits: far beyond any amount, short of abuse. */
    public static final int MAX_MONEY_INTEGER_DIGITS = 18;

    /** The latest instant whose epoch milliseconds fit a {@code long} (a Kafka record timestamp). */
    private static final Instant MAX_INSTANT = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public static Fields of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidRecordException(WRONG_TYPE, "value is not a JSON object");
        }
        return new Fields(node, "");
    }

    /** A required id: a non-blank string of at most 256 characters (Unicode code points). */
    public String id(String name) {
        String value = requiredText(name);
        String problem = idProblem(value);
        if (problem != null) {
            throw invalid(OUT_OF_RANGE, name, problem);
        }
        return value;
    }

    /** Why {@code value} is no id ("must not be blank", "is longer than 256 characters"), or null when it is one. */
    public static String idProblem(String value) {
        if (value.isBlank()) {
            return "must not be blank";
        }
        if (value.codePointCount(0, value.length()) > MAX_ID_LENGTH) {
            return "is longer than " + MAX_ID_LENGTH + " characters";
        }
        return null;
    }

    /** A required string (may be empty). */
    public String requiredText(String name) {
        return string(name, present(name));
    }

    /** An optional string: null when absent or JSON null. */
    public String text(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return string(name, value);
    }

    private String string(String name, JsonNode value) {
        if (!value.isString()) {
            throw invalid(WRONG_TYPE, name, "must be a string");
        }
        String text = value.stringValue();
        // an escaped lone surrogate ("\uD800") is valid JSON but no character: encoded as UTF-8 it would
        // become '?', and two different ids one key
        if (Utf8.hasUnpairedSurrogate(text)) {
            throw invalid(WRONG_TYPE, name, "is not valid Unicode (an unpaired surrogate)");
        }
        return text;
    }

    /** A required amount of money: a JSON number with at most 4 decimals. */
    public BigDecimal money(String name) {
        JsonNode value = present(name);
        if (!value.isNumber()) {
            throw invalid(WRONG_TYPE, name, "must be a JSON number");
        }
        BigDecimal amount = value.decimalValue();
        BigDecimal normalized = amount.stripTrailingZeros();
        if (Math.max(normalized.scale(), 0) > MAX_MONEY_SCALE) {
            throw invalid(OUT_OF_RANGE, name, "has more than " + MAX_MONEY_SCALE + " decimals");
        }
        // long: precision - scale overflows int for exponents near Integer.MAX_VALUE (1E+2147483647)
        if ((long) normalized.precision() - normalized.scale() > MAX_MONEY_INTEGER_DIGITS) {
            throw invalid(OUT_OF_RANGE, name, "has more than " + MAX_MONEY_INTEGER_DIGITS + " integer digits");
        }
        // scale 0 at least, so 1E+2 reads back as 100; at most 4, so -4.00000 is kept (and summed) as -4.0000:
        // outputs never show more decimals than the contract allows (exact: only zeros are cut)
        if (amount.scale() < 0) {
            return amount.setScale(0);
        }
        return amount.scale() > MAX_MONEY_SCALE ? amount.setScale(MAX_MONEY_SCALE) : amount;
    }

    /** A required ISO-8601 instant with an offset ({@code Z} or {@code +01:00}), not before 1970. */
    public Instant instant(String name) {
        String text = requiredText(name);
        Instant instant;
        try {
            instant = Instants.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(WRONG_TYPE, name, "is not an ISO-8601 instant with offset: " + Texts.quote(text));
        }
        if (instant.isBefore(Instant.EPOCH)) {
            throw invalid(OUT_OF_RANGE, name, "lies before 1970-01-01T00:00:00Z");
        }
        if (instant.isAfter(MAX_INSTANT)) {
            throw invalid(OUT_OF_RANGE, name, "lies beyond the range of epoch milliseconds");
        }
        return instant;
    }

    /** A required whole number of at least {@code min}; {@code 2.0} and {@code 2E+0} are whole too. */
    public int integer(String name, int min) {
        JsonNode value = present(name);
        if (!value.isNumber()) {
            throw invalid(WRONG_TYPE, name, "must be a whole number");
        }
        BigDecimal number = value.decimalValue();
        if (number.stripTrailingZeros().scale() > 0) {
            throw invalid(WRONG_TYPE, name, "must be a whole number");
        }
        // compared as decimals, not converted first: 1E+2147483647 would take time and memory as an integer
        if (number.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw invalid(OUT_OF_RANGE, name, "must be at least " + min);
        }
        if (number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw invalid(OUT_OF_RANGE, name, "must be at most " + Integer.MAX_VALUE);
        }
        return number.intValueExact();
    }

    /** An optional array of objects, each read with {@code reader}; null when absent. */
    public <T> List<T> objects(String name, Function<Fields, T> reader) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid(WRONG_TYPE, name, "must be an array");
        }
        List<T> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = path + name + "[" + i + "].";
            if (!item.isObject()) {
                throw new InvalidRecordException(WRONG_TYPE, "field '" + path + name + "[" + i + "]' must be an object");
            }
            items.add(reader.apply(new Fields(item, itemPath)));
        }
        return List.copyOf(items);
    }

    public InvalidRecordException invalid(String code, String name, String what) {
        return new InvalidRecordException(code, "field '" + path + name + "' " + what);
    }

    private JsonNode present(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidRecordException(MISSING_FIELD, "required field '" + path + name + "' is missing");
        }
        return value;
    }
}
