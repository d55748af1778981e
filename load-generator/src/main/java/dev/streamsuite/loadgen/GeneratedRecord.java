package dev.streamsuite.loadgen;

import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One record of the generator together with what it was meant to be, so that a test or a benchmark can
 * tell how many records each service should accept, dead-letter, treat as late or as duplicate.
 *
 * @param type   the kind of input
 * @param record the record as it is sent: topic, key, value bytes and record timestamp (the event time)
 * @param kind   what the record is meant to be
 * @param defect for a {@link Kind#BAD} record, what is wrong with it; otherwise null
 */
public record GeneratedRecord(EventType type, ProducerRecord<String, byte[]> record, Kind kind, Defect defect) {

    public enum Kind {
        /** A well-formed event with an event time at most a few seconds before the wall clock. */
        VALID,
        /** A valid purchase about 20 minutes old: late for a 5-minute window with 1 minute grace. */
        LATE,
        /** A transaction sent before, re-sent unchanged (same key, value and timestamp). */
        DUPLICATE,
        /** A null value deleting a customer. */
        TOMBSTONE,
        /** Bad input the services must send to the dead-letter topic. */
        BAD
    }

    /** What makes a {@link Kind#BAD} record bad, mirroring the contract's reasons for the DLQ. */
    public enum Defect {
        /** Not parseable as JSON (a truncated object). */
        MALFORMED_JSON,
        /** A required field is absent. */
        MISSING_FIELD,
        /** A field has the wrong JSON type, e.g. an amount as a string. */
        WRONG_TYPE,
        /** A value out of range: amount 0 (a negative amount for orders), a blank customer id. */
        OUT_OF_RANGE,
        /** Valid JSON whose record key differs from the id it must be keyed by. */
        KEY_MISMATCH
    }

    public String topic() {
        return record.topic();
    }

    public String key() {
        return record.key();
    }

    /** The value bytes; null for a tombstone. */
    public byte[] value() {
        return record.value();
    }

    /** The record timestamp, which is also the value's event time for every parseable record. */
    public Instant timestamp() {
        return Instant.ofEpochMilli(record.timestamp());
    }

    public boolean isBad() {
        return kind == Kind.BAD;
    }
}
