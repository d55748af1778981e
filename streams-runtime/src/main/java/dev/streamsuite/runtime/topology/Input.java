package dev.streamsuite.runtime.topology;

import dev.streamsuite.model.Validated;
import java.util.Objects;

/**
 * One record of an input topic as read: its original value bytes, and either the parsed value or
 * why it is bad input. The original bytes travel with it, so the dead-letter topic and side outputs
 * receive the record unchanged.
 */
public final class Input<T> {

    private final byte[] raw;
    private Validated<T> parsed;

    Input(byte[] raw, Validated<T> parsed) {
        this.raw = raw;
        this.parsed = Objects.requireNonNull(parsed);
    }

    /** The original value bytes; null for a tombstone. */
    public byte[] raw() {
        return raw;
    }

    public boolean isTombstone() {
        return raw == null;
    }

    public boolean isValid() {
        return parsed.isValid();
    }

    /** The parsed value; null for a tombstone. */
    public T value() {
        return parsed.value();
    }

    public String errorCode() {
        return parsed.code();
    }

    public String errorReason() {
        return parsed.reason();
    }

    /** Marks the record as bad input after a check that needs more than its value (key, clock). */
    void reject(String code, String reason) {
        parsed = Validated.invalid(code, reason);
    }
}
