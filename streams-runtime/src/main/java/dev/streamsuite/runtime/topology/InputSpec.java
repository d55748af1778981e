package dev.streamsuite.runtime.topology;

import dev.streamsuite.model.Fields;
import dev.streamsuite.model.Texts;
import dev.streamsuite.model.Validated;
import java.time.Instant;
import java.util.function.Function;

/**
 * How to read one input topic: parse a value, take its event time, and check its key.
 *
 * @param topic       the input topic; bad records go to {@code topic + ".dlq"}
 * @param parser      value bytes to a validated value
 * @param eventTime   the value's event time
 * @param keyRule     the reason a (possibly null) key is wrong for a valid value, or null when it is fine
 * @param tombstones  whether a null value is a tombstone (customers) rather than bad input
 */
public record InputSpec<T>(String topic, Function<byte[], Validated<T>> parser, Function<T, Instant> eventTime,
                           KeyRule<T> keyRule, boolean tombstones) {

    /** Checks a record key against its value. */
    @FunctionalInterface
    public interface KeyRule<T> {
        /** @return why the key is invalid, or null when it is fine; {@code value} is null for a tombstone */
        String check(String key, T value);
    }

    public String deadLetterTopic() {
        return topic + ".dlq";
    }

    /** The common rule "the key, when present, must equal this id of the value". */
    public static <T> KeyRule<T> keyEqualsOrNull(String field, Function<T, String> id) {
        return (key, value) -> key == null || value == null || key.equals(id.apply(value)) ? null
                : "record key " + Texts.quote(key) + " differs from " + field + " " + Texts.quote(id.apply(value));
    }

    /**
     * The rule "the key must be present and equal this id of the value"; a tombstone's key, the only id it
     * has, must itself be a valid id (a blank or overlong one would delete a customer that cannot exist).
     */
    public static <T> KeyRule<T> keyEquals(String field, Function<T, String> id) {
        return (key, value) -> {
            if (key == null) {
                return "record key is null; it must be the " + field;
            }
            if (value == null) {
                String problem = Fields.idProblem(key);
                return problem == null ? null : "record key " + Texts.quote(key) + " of a tombstone " + problem
                        + " (it is the " + field + ")";
            }
            return key.equals(id.apply(value)) ? null
                    : "record key " + Texts.quote(key) + " differs from " + field + " " + Texts.quote(id.apply(value));
        };
    }
}
