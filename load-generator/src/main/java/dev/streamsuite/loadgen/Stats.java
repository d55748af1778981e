package dev.streamsuite.loadgen;

import dev.streamsuite.loadgen.GeneratedRecord.Kind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counters of one run. Acknowledgements arrive on the producer's I/O thread while the sending loop and the
 * progress printer read them, hence adders and atomics.
 */
final class Stats {

    private static final int LOGGED_FAILURES = 10;
    private static final long LOG_EVERY_NTH_FAILURE = 10_000;

    private final Logger log = LoggerFactory.getLogger(LoadGenerator.class);
    private final Map<EventType, String> topics;
    private final LongAdder[] sent = new LongAdder[EventType.values().length];
    private final LongAdder[] generatedPerKind = new LongAdder[Kind.values().length];
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong failuresSinceLastAck = new AtomicLong();
    private volatile long lastAckNanos;
    private volatile String firstError;

    Stats(Map<EventType, String> topics, long startNanos) {
        this.topics = topics;
        for (int i = 0; i < sent.length; i++) {
            sent[i] = new LongAdder();
        }
        for (int i = 0; i < generatedPerKind.length; i++) {
            generatedPerKind[i] = new LongAdder();
        }
        lastAckNanos = startNanos;
    }

    void generated(GeneratedRecord record) {
        generatedPerKind[record.kind().ordinal()].increment();
    }

    void acked(EventType type, long nowNanos) {
        sent[type.ordinal()].increment();
        failuresSinceLastAck.set(0);
        lastAckNanos = nowNanos;
    }

    void failed(EventType type, Exception e) {
        long n = failed.incrementAndGet();
        failuresSinceLastAck.incrementAndGet();
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (firstError == null) {
            firstError = reason;
        }
        if (n <= LOGGED_FAILURES || n % LOG_EVERY_NTH_FAILURE == 0) {
            log.warn("sending to {} failed ({} failures so far{}): {}", topics.get(type), n,
                    n == LOGGED_FAILURES ? ", further ones logged every " + LOG_EVERY_NTH_FAILURE + "th" : "", reason);
        }
    }

    /** True when sends fail and none has succeeded for {@code limitNanos}: the broker is gone for good. */
    boolean stalled(long nowNanos, long limitNanos) {
        return failuresSinceLastAck.get() > 0 && nowNanos - lastAckNanos > limitNanos;
    }

    long sent() {
        long total = 0;
        for (LongAdder adder : sent) {
            total += adder.sum();
        }
        return total;
    }

    long failed() {
        return failed.get();
    }

    String firstError() {
        return firstError;
    }

    Map<String, Long> sentPerTopic() {
        Map<String, Long> perTopic = new LinkedHashMap<>();
        topics.forEach((type, topic) -> perTopic.put(topic, sent[type.ordinal()].sum()));
        return perTopic;
    }

    Map<Kind, Long> generatedPerKind() {
        Map<Kind, Long> perKind = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            perKind.put(kind, generatedPerKind[kind.ordinal()].sum());
        }
        return perKind;
    }

    /** {@code purchases 300, transactions 225, ...} */
    String perTopicText() {
        StringBuilder text = new StringBuilder();
        sentPerTopic().forEach((topic, n) -> text.append(text.length() == 0 ? "" : ", ").append(topic)
                .append(' ').append(n));
        return text.toString();
    }
}
