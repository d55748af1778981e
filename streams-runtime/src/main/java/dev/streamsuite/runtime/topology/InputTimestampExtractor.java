package dev.streamsuite.runtime.topology;

import dev.streamsuite.model.InvalidRecordException;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time for an input topic, and the place where a record is finally judged valid or bad.
 *
 * <p>It runs once per record, before the record can move stream time, so the key rule and the
 * {@code max-future-skew} check are applied here: a bad record is given the partition time, so that it
 * reaches the dead-letter branch without moving stream time (a negative time would drop it silently).
 * A tombstone takes the record's own timestamp, held to the same {@code max-future-skew} bound.
 */
final class InputTimestampExtractor<T> implements TimestampExtractor {

    private final InputSpec<T> spec;
    private final long maxFutureSkewMs;
    private final Clock clock;

    InputTimestampExtractor(InputSpec<T> spec, Duration maxFutureSkew, Clock clock) {
        this.spec = spec;
        this.maxFutureSkewMs = maxFutureSkew.toMillis();
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Input<T> input = (Input<T>) record.value();
        long fallback = Math.max(partitionTime, 0L);
        if (input.isValid()) {
            String keyProblem;
            try {
                keyProblem = spec.keyRule().check(Keys.decode((byte[]) record.key()), input.value());
            } catch (CharacterCodingException e) {
                keyProblem = "record key is not valid UTF-8";
            }
            if (keyProblem != null) {
                input.reject(InvalidRecordException.KEY_MISMATCH, keyProblem);
            }
        }
        if (!input.isValid()) {
            return fallback;
        }
        Instant eventTime;
        if (input.isTombstone()) {
            if (record.timestamp() < 0) {
                // only old message formats carry no time; a deletion at an unknown time cannot be placed
                input.reject(InvalidRecordException.MISSING_FIELD, "tombstone has no record timestamp");
                return fallback;
            }
            eventTime = Instant.ofEpochMilli(record.timestamp());
        } else {
            eventTime = spec.eventTime().apply(input.value());
        }
        // a tombstone's record time is its event time, so it is held to the same bound as any other
        if (eventTime.toEpochMilli() > clock.millis() + maxFutureSkewMs) {
            input.reject(InvalidRecordException.FUTURE_TIMESTAMP, (input.isTombstone() ? "record time " : "event time ")
                    + eventTime + " lies more than " + Duration.ofMillis(maxFutureSkewMs) + " ahead of the wall clock");
            return fallback;
        }
        return eventTime.toEpochMilli();
    }
}
