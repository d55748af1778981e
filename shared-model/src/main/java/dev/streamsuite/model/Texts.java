package dev.streamsuite.model;

/**
 * Input text inside a reason or a log line. Inputs are anyone's bytes: a line break in an id would forge a
 * log line, an escape sequence would recolour a terminal, and a 50,000-character key would make one line
 * (and one {@code error.reason} header) of that size.
 */
public final class Texts {

    /** How much of one quoted input a reason shows. */
    public static final int QUOTE_MAX = 64;

    private Texts() {
    }

    /** {@code 'text'}, printable and cut after {@value #QUOTE_MAX} characters. */
    public static String quote(String text) {
        return "'" + printable(text, QUOTE_MAX) + "'";
    }

    /**
     * The text with control characters (line breaks, ESC, C1 controls), the line and paragraph separators and
     * invisible format characters (byte order mark, bidirectional overrides, zero-width ones) written as {@code \}{@code uXXXX}, cut after {@code max} characters with a note of how many were left out
     * (never inside a surrogate pair).
     */
    public static String printable(String text, int max) {
        int end = text.length() <= max ? text.length() : Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
        StringBuilder out = null;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean escape = Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || Character.getType(c) == Character.FORMAT;
            if (escape && out == null) {
                out = new StringBuilder(end + 16).append(text, 0, i);
            }
            if (escape) {
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        String shown = out != null ? out.toString() : end == text.length() ? text : text.substring(0, end);
        return end == text.length() ? shown : shown + "…(" + (text.length() - end) + " more characters)";
    }
}
