package dev.streamsuite.runtime.config;

import java.time.Duration;

/** Durations for log lines in the ISO-8601 form properties use, with days: {@code P7D} rather than {@code PT168H}. */
public final class Durations {

    private Durations() {
    }

    /** ISO-8601 text with whole days split out ({@code P1DT12H}); shorter or negative ones as {@link Duration#toString()}. */
    public static String text(Duration d) {
        long days = d.toDays();
        if (days <= 0) {
            return d.toString();
        }
        Duration rest = d.minusDays(days);
        // Duration's own text of the rest is "PT…": keep its time part
        return "P" + days + "D" + (rest.isZero() ? "" : rest.toString().substring(1));
    }
}
