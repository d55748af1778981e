package dev.streamsuite.runtime.topology;

import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Settings for the topics that hold records with old timestamps and are deleted or compacted by time: the outputs
 * a service creates and the customer history's changelog ({@link #CONFIGS}), and the window stores' changelogs and
 * the inputs a service creates ({@link #APPEND_TIME_CONFIGS}).
 *
 * <p>A broker rolls a segment once a record's timestamp is {@code segment.ms} (7 days by default) past that of the
 * segment's first record, and deletes a closed segment once its newest timestamp is {@code retention.ms} behind the
 * wall clock. So records whose event times lie further back than {@code segment.ms} get a segment of their own as
 * soon as a newer record follows them (an exactly-once commit marker, stamped with the wall clock, does), and
 * retention deletes that segment at its next check. Measured before this: the first alert of each partition of a
 * fresh {@code fraud-alerts}, for transactions 8 days old, was gone within 5 minutes; the de-duplication
 * changelog lost ids the same way, and a restore after a SIGKILL took a duplicate for a new transaction. The
 * versioned store's changelog is compacted once its records are older than the history retention: such a segment
 * of old versions was compacted at once, and a restore found only each customer's last version written.
 *
 * <p>Without time-based rolls every closed segment also holds commit markers written at the wall clock, so its
 * records are kept (and left uncompacted) for the retention from when they were written; segments roll by size
 * instead, at 64 MiB, so that retention still frees space in steps. What is left, for outputs: a segment holding
 * nothing but old records (the first transaction on a new partition or segment, before its commit marker) can
 * still meet a retention check; see the README, "Records of long ago".
 */
public final class EventTimeTopics {

    public static final Map<String, String> CONFIGS = Map.of(
            TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Long.MAX_VALUE),
            TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));

    /**
     * The broker's time instead of the record's, where nothing reads the record's: a window store's restore takes
     * each record's time from its key (Kafka Streams' {@code AbstractRocksDBSegmentedBytesStore}, 4.2 and 4.4), and
     * the services read an input's event time from its value. Retention then counts from when a record was written,
     * with no race at all. Not for the versioned store, whose restore takes a version's time from the record's
     * timestamp, nor for outputs, whose users read it, nor for {@code customers}, whose tombstones take it.
     */
    public static final Map<String, String> APPEND_TIME_CONFIGS = Map.of(
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

    private EventTimeTopics() {
    }

    /** Whether an existing topic with these settings may lose old-event-time records to a time-based roll. */
    public static boolean rollsByTime(String segmentMs) {
        return segmentMs != null && Long.parseLong(segmentMs) < Long.MAX_VALUE;
    }
}
