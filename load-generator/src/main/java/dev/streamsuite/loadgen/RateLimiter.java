package dev.streamsuite.loadgen;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces records to an average rate. Permits are scheduled on a fixed grid from a start instant rather than
 * one interval after the previous permit, so the short oversleeps of the OS timer (tens of microseconds,
 * more than the interval at high rates) are caught up instead of lowering the rate. After a stall (a full
 * producer buffer, a slow broker) it catches up at most {@link #MAX_CATCH_UP_NANOS} worth of permits, so a
 * long stall is not followed by an unbounded burst.
 */
public final class RateLimiter {

    static final long MAX_CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final double permitsPerSecond;
    private final LongSupplier nanoClock;
    private long origin;
    private long issued;

    /** @param permitsPerSecond the average rate; 0 means unlimited */
    public RateLimiter(double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime);
    }

    RateLimiter(double permitsPerSecond, LongSupplier nanoClock) {
        if (!(permitsPerSecond >= 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0: " + permitsPerSecond);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.nanoClock = nanoClock;
    }

    public boolean unlimited() {
        return permitsPerSecond == 0;
    }

    /** Takes the next permit and returns how many nanoseconds to wait before using it (0: use it now). */
    public long reserve() {
        if (unlimited()) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        if (issued == 0) {
            origin = now;
        }
        long due = origin + offsetNanos(issued);
        if (now - due > MAX_CATCH_UP_NANOS) {
            origin = now - MAX_CATCH_UP_NANOS;
            issued = 0;
            due = origin;
        }
        issued++;
        return Math.max(0, due - now);
    }

    private long offsetNanos(long permits) {
        return (long) (permits * 1e9 / permitsPerSecond);
    }
}
