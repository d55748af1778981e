package dev.streamsuite.model;

/**
 * Why an input record is bad input. Thrown only inside validation and turned into a
 * {@link Validated#invalid} there; it carries no stack trace because bad input is expected.
 */
public final class InvalidRecordException extends RuntimeException {

    public static final String INVALID_JSON = "invalid-json";
    public static final String MISSING_FIELD = "missing-field";
    public static final String WRONG_TYPE = "wrong-type";
    public static final String OUT_OF_RANGE = "out-of-range";
    public static final String KEY_MISMATCH = "key-mismatch";
    public static final String FUTURE_TIMESTAMP = "future-timestamp";
    /** Every code, e.g. to start metrics at zero. */
    public static final java.util.List<String> CODES = java.util.List.of(INVALID_JSON, MISSING_FIELD, WRONG_TYPE,
            OUT_OF_RANGE, KEY_MISMATCH, FUTURE_TIMESTAMP);

    private final String code;

    public InvalidRecordException(String code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /** A short, stable category for metrics, e.g. {@code wrong-type}. */
    public String code() {
        return code;
    }
}
