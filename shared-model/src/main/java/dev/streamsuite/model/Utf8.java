package dev.streamsuite.model;

/**
 * Strict UTF-8 for input values. Jackson decodes some ill-formed bytes (the overlong {@code C0 AF} as
 * {@code /}) and detects UTF-16 and UTF-32 by their zero bytes, so different bytes could name the same
 * id; the contract's values are UTF-8, and only the well-formed sequences of Unicode's table 3-7 are.
 */
final class Utf8 {

    private Utf8() {
    }

    /**
     * The offset of the first byte that is not part of well-formed UTF-8 JSON text, or -1. A NUL byte
     * counts as such: JSON has no raw control characters, and NULs are how UTF-16 and UTF-32 look.
     */
    static int firstInvalid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b > 0) {
                i++;
                continue;
            }
            if (b == 0) {
                return i;
            }
            int lead = b & 0xFF;
            int length;
            int min = 0x80;
            int max = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                if (lead == 0xE0) {
                    min = 0xA0; // overlong below U+0800
                } else if (lead == 0xED) {
                    max = 0x9F; // surrogates U+D800..U+DFFF
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                if (lead == 0xF0) {
                    min = 0x90; // overlong below U+10000
                } else if (lead == 0xF4) {
                    max = 0x8F; // beyond U+10FFFF
                }
            } else {
                return i; // a continuation byte, C0, C1 or F5..FF
            }
            if (i + length > n) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    /** Whether {@code text} has a surrogate without its partner (JSON can write one as {@code \uD800}). */
    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }
}
