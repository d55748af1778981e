package dev.streamsuite.model;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * ISO-8601 instants without {@code java.time.format}: parsing and printing them through
 * {@code DateTimeFormatter} was 15% of a stream thread's time. The fast paths cover the canonical
 * shapes only ({@code 2026-11-24T10:03:12[.fraction](Z|+01:00)}); anything else takes the JDK path,
 * so results and errors are exactly those of {@link OffsetDateTime#parse} and {@link Instant#toString}.
 */
public final class Instants {

    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final long MAX_OFFSET_SECONDS = 18 * 3600;

    private Instants() {
    }

    /** As {@code OffsetDateTime.parse(text).toInstant()}, including its {@code DateTimeParseException}. */
    public static Instant parse(CharSequence text) {
        Instant fast = parseCanonical(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** As {@link Instant#toString()}. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        // years 1970..9999: beyond that Instant.toString adds a sign, which the JDK path handles
        if (seconds < 0 || seconds >= 253_402_300_800L) {
            return instant.toString();
        }
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        char[] out = new char[30];
        int at = civilDate(days, out);
        out[at++] = 'T';
        at = two(out, at, secondOfDay / 3600);
        out[at++] = ':';
        at = two(out, at, secondOfDay / 60 % 60);
        out[at++] = ':';
        at = two(out, at, secondOfDay % 60);
        int nanos = instant.getNano();
        if (nanos > 0) {
            out[at++] = '.';
            int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            int value = nanos / POW10[9 - digits];
            for (int i = digits - 1; i >= 0; i--) {
                out[at + i] = (char) ('0' + value % 10);
                value /= 10;
            }
            at += digits;
        }
        out[at++] = 'Z';
        return new String(out, 0, at);
    }

    /** The instant of a canonical, valid text, or null when the JDK must decide. */
    static Instant parseCanonical(CharSequence s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > daysInMonth(year, month)) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (s.charAt(at) == '.') {
            int start = ++at;
            while (at < n && at - start < 9 && isDigit(s.charAt(at))) {
                nanos = nanos * 10 + (s.charAt(at++) - '0');
            }
            int count = at - start;
            if (count == 0 || at < n && isDigit(s.charAt(at))) {
                return null;
            }
            nanos *= POW10[9 - count];
        }
        long offsetSeconds;
        if (at == n - 1 && s.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            int offsetHours = digits(s, at + 1, 2);
            int offsetMinutes = digits(s, at + 4, 2);
            if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = offsetHours * 3600L + offsetMinutes * 60L;
            if (offsetSeconds > MAX_OFFSET_SECONDS) {
                return null;
            }
            if (s.charAt(at) == '-') {
                offsetSeconds = -offsetSeconds;
            }
        } else {
            return null;
        }
        long epochSeconds = epochDay(year, month, day) * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSeconds, nanos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(CharSequence s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static int daysInMonth(int year, int month) {
        return month == 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1];
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** Writes {@code yyyy-MM-dd} of a non-negative epoch day (civil_from_days) and returns the next index. */
    private static int civilDate(long epochDay, char[] out) {
        long z = epochDay + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        out[0] = (char) ('0' + year / 1000);
        out[1] = (char) ('0' + year / 100 % 10);
        out[2] = (char) ('0' + year / 10 % 10);
        out[3] = (char) ('0' + year % 10);
        out[4] = '-';
        two(out, 5, month);
        out[7] = '-';
        two(out, 8, day);
        return 10;
    }

    private static int two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
        return at + 2;
    }
}
