package dev.streamsuite.runtime.topology;

/**
 * What a topology tells the outside world besides its output topics: the runtime counts these in
 * Micrometer metrics. Topologies stay free of Spring and metrics libraries; tests pass {@link #NONE}
 * or a recorder.
 */
public interface TopologyEvents {

    TopologyEvents NONE = new TopologyEvents() {
    };

    /** A record went to a dead-letter topic. */
    default void deadLettered(String topic, String code) {
    }

    /** A record was routed to a side output for being late. */
    default void late(String topic) {
    }

    /** A fraud rule raised an alert. */
    default void alert(String rule) {
    }
}
