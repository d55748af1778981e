package dev.streamsuite.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void unlimitedNeverWaits() {
        RateLimiter limiter = new RateLimiter(0, nanos::get);

        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.reserve()).isZero();
        }
        assertThat(limiter.unlimited()).isTrue();
    }

    @Test
    void permitsAreSpacedByTheInterval() {
        RateLimiter limiter = new RateLimiter(10, nanos::get);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(ms(100));
        assertThat(limiter.reserve()).isEqualTo(ms(200));
        nanos.addAndGet(ms(200));
        assertThat(limiter.reserve()).isEqualTo(ms(100));
    }

    @Test
    void oversleepingIsCaughtUpSoTheAverageRateHolds() {
        RateLimiter limiter = new RateLimiter(1000, nanos::get);
        long start = nanos.get();
        // every wait overshoots by 50 µs, as parkNanos does, yet 10 000 permits take 10 s, not 10.5 s
        for (int i = 0; i < 10_000; i++) {
            long wait = limiter.reserve();
            if (wait > 0) {
                nanos.addAndGet(wait + 50_000);
            }
        }
        assertThat(nanos.get() - start).isBetween(ms(9_990), ms(10_010));
    }

    @Test
    void afterAStallAtMostOneSecondOfPermitsIsCaughtUp() {
        RateLimiter limiter = new RateLimiter(50, nanos::get);
        limiter.reserve();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(60));

        int immediate = 0;
        while (limiter.reserve() == 0) {
            immediate++;
        }
        assertThat(immediate).isBetween(50, 51);
    }

    @Test
    void fractionalRates() {
        RateLimiter limiter = new RateLimiter(0.5, nanos::get);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(ms(2_000));
    }

    @Test
    void rejectsNegativeRates() {
        assertThatThrownBy(() -> new RateLimiter(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
