package dev.streamsuite.runtime.topology;

/**
 * What a topology tells the outside world besides its output topics: the runtime counts these in
 * Micrometer metrics. Topologies stay free of Spring and metrics libraries; tests pass {@link #NONE}
 * or a recorder.
 */
public interface TopologyEvents {

    TopologyEvents NONE = new TopologyEvents() {
    };

    /**
     * The topology sends bad records of {@code topic} to its dead-letter topic; {@link #late}, {@link #duplicate} and
     * {@link #alert} have the same declarations below. Said once while the topology is built, so that a metrics recorder can
     * show zero counts from the start instead of series that appear with their first event.
     */
    default void mayDeadLetter(String topic) {
    }

    default void mayBeLate(String topic) {
    }

    default void mayAlert(String rule) {
    }

    default void mayBeDuplicate(String topic) {
    }

    /** A record went to a dead-letter topic. */
    default void deadLettered(String topic, String code) {
    }

    /** A record was routed to a side output for being late. */
    default void late(String topic) {
    }

    /** A record of {@code topic} was recognised as one seen before and changed nothing. */
    default void duplicate(String topic) {
    }

    /** A fraud rule raised an alert. */
    default void alert(String rule) {
    }
}
