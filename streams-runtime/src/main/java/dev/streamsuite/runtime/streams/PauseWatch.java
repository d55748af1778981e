package dev.streamsuite.runtime.streams;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that this process did not run for a while (SIGSTOP, a frozen VM or container, a very long GC pause),
 * so that it does not answer queries from partitions the consumer group may have given to another instance in
 * the meantime. Kafka Streams learns that only at its next heartbeat or commit; until then its metadata and
 * stores look as they did before the pause (a black-box check: old balances for about a second after a
 * 72-second SIGSTOP, as if this instance still owned them).
 *
 * <p>A pause of at least half the session timeout raises a doubt: local reads are refused (503) until Kafka
 * Streams has been through a rebalance, or, when none comes (the group kept this member), for that same half
 * session timeout. Shorter pauses cannot have cost the membership: the heartbeat thread sends every
 * {@code heartbeat.interval.ms}, a few seconds.
 */
public final class PauseWatch {

    private static final Logger log = LoggerFactory.getLogger(PauseWatch.class);
    private static final long NONE = Long.MIN_VALUE;
    private static final long DEFAULT_SESSION_TIMEOUT_MS = 45_000;

    private final long thresholdNanos;
    private final LongSupplier nanoClock;
    private volatile long lastSeen;
    private volatile long doubtSince = NONE;
    private volatile long pauseNanos;
    private volatile boolean rebalanced;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;

    PauseWatch(Duration threshold, LongSupplier nanoClock) {
        this.thresholdNanos = threshold.toNanos();
        this.nanoClock = nanoClock;
        this.lastSeen = nanoClock.getAsLong();
    }

    /** Half the main consumer's {@code session.timeout.ms} of this Kafka Streams configuration. */
    public static PauseWatch forConfig(Properties config) {
        return new PauseWatch(Duration.ofMillis(sessionTimeoutMs(config) / 2), System::nanoTime);
    }

    static long sessionTimeoutMs(Properties config) {
        Object value = StreamsRunner.mainConsumerSetting(config, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
        return value == null ? DEFAULT_SESSION_TIMEOUT_MS : Long.parseLong(value.toString().trim());
    }

    /** Called often (every 250 ms) by a thread of its own, so that a pause is seen even when no query comes. */
    public void tick() {
        observe(nanoClock.getAsLong());
    }

    /** Kafka Streams' state changes, to see the rebalance that settles a doubt. */
    public void onStateChange(KafkaStreams.State newState) {
        state = newState;
        if (doubtSince == NONE) {
            return;
        }
        synchronized (this) {
            if (newState == KafkaStreams.State.REBALANCING) {
                rebalanced = true;
            } else if (newState == KafkaStreams.State.RUNNING && rebalanced) {
                settle("Kafka Streams rebalanced");
            }
        }
    }

    /** Why this instance should not answer from its copies now, if it should not. */
    public Optional<String> doubt() {
        long now = nanoClock.getAsLong();
        observe(now);
        if (doubtSince == NONE) {
            return Optional.empty();
        }
        synchronized (this) {
            if (doubtSince == NONE) {
                return Optional.empty();
            }
            if (!rebalanced && now - doubtSince >= thresholdNanos) {
                settle("no rebalance came");
                return Optional.empty();
            }
            return Optional.of("this instance did not run for " + seconds(pauseNanos) + " s (paused), so the group may have "
                    + "given its partitions to another instance; it answers again once that is settled");
        }
    }

    private void observe(long now) {
        if (now - lastSeen < thresholdNanos) {
            lastSeen = now;
            return;
        }
        synchronized (this) {
            long gap = now - lastSeen;
            if (gap < thresholdNanos) {
                return; // another thread saw this pause first
            }
            lastSeen = now;
            doubtSince = now;
            pauseNanos = gap;
            // a rebalance already under way when the process resumed settles the doubt when it ends
            rebalanced = state == KafkaStreams.State.REBALANCING;
            log.warn("This process did not run for {} s (paused): queries are answered 503 until Kafka Streams has "
                    + "rebalanced, or for {} s if no rebalance comes", seconds(gap), seconds(thresholdNanos));
        }
    }

    private void settle(String why) {
        doubtSince = NONE;
        log.info("Answering queries again after the pause: {}", why);
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
