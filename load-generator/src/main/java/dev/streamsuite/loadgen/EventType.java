package dev.streamsuite.loadgen;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of input the generator produces; each goes to one topic, by default named like the kind. */
public enum EventType {
    PURCHASES("purchases", 4),
    TRANSACTIONS("transactions", 3),
    CUSTOMERS("customers", 1),
    ORDERS("orders", 2);

    private final String defaultTopic;
    // customers change far less often than people buy or pay, so they get the smallest share of the mix
    private final int weight;

    EventType(String defaultTopic, int weight) {
        this.defaultTopic = defaultTopic;
        this.weight = weight;
    }

    /** The contract's topic name, also the name used on the command line. */
    public String defaultTopic() {
        return defaultTopic;
    }

    /** Relative share of this kind in the mixed traffic after the initial customer snapshot. */
    public int weight() {
        return weight;
    }

    /** The kind named like its default topic, e.g. {@code purchases}. */
    public static EventType fromName(String name) {
        for (EventType type : values()) {
            if (type.defaultTopic.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown topic '" + name + "' (expected one of " + names() + ")");
    }

    static String names() {
        return Arrays.stream(values()).map(EventType::defaultTopic).collect(Collectors.joining(", "));
    }
}
