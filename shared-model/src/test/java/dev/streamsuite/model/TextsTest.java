package dev.streamsuite.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void plainTextIsKept() {
        assertThat(Texts.quote("u-1")).isEqualTo("'u-1'");
        assertThat(Texts.quote("ü 漢 😀 /\\")).isEqualTo("'ü 漢 😀 /\\'");
        assertThat(Texts.quote("")).isEqualTo("''");
    }

    @Test
    void controlCharactersAndLineSeparatorsAreEscaped() {
        assertThat(Texts.quote("f1\n2026-11-26 ERROR fake")).isEqualTo("'f1\\u000A2026-11-26 ERROR fake'");
        assertThat(Texts.quote("\u001b[31mRED\r\t\u0000\u007f\u0085\u2028\u2029"))
                .isEqualTo("'\\u001B[31mRED\\u000D\\u0009\\u0000\\u007F\\u0085\\u2028\\u2029'");
    }

    @Test
    void invisibleFormatCharactersAreEscaped() {
        // a byte order mark or a bidirectional override makes two different ids look equal, or text read backwards
        assertThat(Texts.quote("\ufeffu-1")).isEqualTo("'\\uFEFFu-1'");
        assertThat(Texts.quote("a\u202eb\u200bc")).isEqualTo("'a\\u202Eb\\u200Bc'");
    }

    @Test
    void longTextIsCutWithACount() {
        assertThat(Texts.quote("k".repeat(50_000))).isEqualTo("'" + "k".repeat(64) + "…(49936 more characters)'");
        assertThat(Texts.quote("k".repeat(64))).isEqualTo("'" + "k".repeat(64) + "'");
        assertThat(Texts.printable("abc\ndef", 4)).isEqualTo("abc\\u000A…(3 more characters)");
    }

    @Test
    void aSurrogatePairIsNeverCut() {
        String text = "k".repeat(63) + "😀" + "x";

        assertThat(Texts.quote(text)).isEqualTo("'" + "k".repeat(63) + "…(3 more characters)'");
        assertThat(Texts.printable("😀😀", 2)).isEqualTo("😀…(2 more characters)");
    }
}
