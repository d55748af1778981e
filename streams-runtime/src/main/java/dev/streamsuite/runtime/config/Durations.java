package dev.streamsuite.runtime.config;

import java.time.Duration;

/** Durations as users write them in properties: {@code P7D} rather than {@link Duration#toString()}'s {@code PT168H}. */
public final class Durations {

    private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();

    private Durations() {
    }

    /** ISO-8601 text, in whole days where the duration is whole days, else as {@link Duration#toString()}. */
    public static String text(Duration d) {
        if (d.isZero() || d.getNano() != 0 || d.getSeconds() % DAY_SECONDS != 0) {
            return d.toString();
        }
        return "P" + d.getSeconds() / DAY_SECONDS + "D";
    }
}
