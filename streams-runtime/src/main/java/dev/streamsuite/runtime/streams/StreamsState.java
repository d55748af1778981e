package dev.streamsuite.runtime.streams;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance's Kafka Streams state and which active stores it is restoring, read by health and the
 * query layer. Readiness means: RUNNING and no active store restoring.
 */
public final class StreamsState implements KafkaStreams.StateListener, StateRestoreListener {

    private static final Logger log = LoggerFactory.getLogger(StreamsState.class);

    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;
    private final Set<TopicPartition> restoring = ConcurrentHashMap.newKeySet();
    private final StateRestoreListener restoreObserver;

    public StreamsState() {
        this(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            }
        });
    }

    /** @param restoreObserver is told every restoration event too (restoration metrics) */
    public StreamsState(StateRestoreListener restoreObserver) {
        this.restoreObserver = restoreObserver;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        state = newState;
        log.info("Kafka Streams state {} -> {}", oldState, newState);
    }

    public KafkaStreams.State state() {
        return state;
    }

    public boolean isReady() {
        return state == KafkaStreams.State.RUNNING && restoring.isEmpty();
    }

    /** Alive unless failed or shut down; starting and rebalancing are alive. */
    public boolean isAlive() {
        return switch (state) {
            case ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> false;
            default -> true;
        };
    }

    public int restoringPartitions() {
        return restoring.size();
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        restoring.add(partition);
        restoreObserver.onRestoreStart(partition, store, startingOffset, endingOffset);
        log.info("Restoring {} from {} ({} records)", store, partition, endingOffset - startingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restoreObserver.onBatchRestored(partition, store, batchEndOffset, numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(partition);
        restoreObserver.onRestoreEnd(partition, store, totalRestored);
        log.info("Restored {} from {} ({} records)", store, partition, totalRestored);
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        restoring.remove(partition);
        restoreObserver.onRestoreSuspended(partition, store, totalRestored);
    }
}
