package dev.streamsuite.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}: first invalid byte at {1}")
    @CsvSource({
            "'7B 7D', -1",
            "'41 C3 BC 42', -1",                // ü
            "'E6 BC A2', -1",                   // 漢
            "'F0 9F 98 80', -1",                // 😀
            "'EF BB BF 7B', -1",                // UTF-8 byte order mark
            "'EF BF BF', -1",                   // U+FFFF
            "'F4 8F BF BF', -1",                // U+10FFFF
            "'41 C0 AF', 1",                    // overlong '/'
            "'E0 80 AF', 0",                    // overlong '/'
            "'F0 80 80 AF', 0",                 // overlong '/'
            "'C1 BF', 0",
            "'ED A0 80', 0",                    // a surrogate (CESU-8)
            "'ED BF BF', 0",
            "'F4 90 80 80', 0",                 // beyond U+10FFFF
            "'F5 80 80 80', 0",
            "'FF', 0",
            "'FE FF 00 7B', 0",                 // UTF-16 byte order mark
            "'80', 0",                          // a lone continuation byte
            "'C3 28', 0",
            "'E6 BC', 0",                       // cut short at the end
            "'41 F0 9F 98', 1",
            "'7B 00 7D', 1",                    // a NUL byte
            "'7B 00 22 00', 1",                 // UTF-16LE '{"'
            "'00 00 00 7B', 0",                 // UTF-32BE '{'
    })
    void firstInvalid(String bytes, int expected) {
        assertThat(Utf8.firstInvalid(hex(bytes))).isEqualTo(expected);
    }

    /** The JDK's decoder reports exactly the ill-formed sequences of Unicode's table 3-7. */
    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes() {
        Random random = new Random(42);
        byte[] interesting = hex("00 41 7F 80 8F 90 9F A0 BF C0 C1 C2 DF E0 E1 EC ED EE EF F0 F1 F3 F4 F5 FF");
        int invalid = 0;
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = interesting[random.nextInt(interesting.length)];
            }
            boolean jdkValid = jdkStrict(bytes) && !containsNul(bytes);
            assertThat(Utf8.firstInvalid(bytes) < 0).as(HexFormat.ofDelimiter(" ").formatHex(bytes)).isEqualTo(jdkValid);
            invalid += jdkValid ? 0 : 1;
        }
        assertThat(invalid).isBetween(1_000, 199_000); // both sides were exercised
    }

    @Test
    void unpairedSurrogates() {
        assertThat(Utf8.hasUnpairedSurrogate("u-1")).isFalse();
        assertThat(Utf8.hasUnpairedSurrogate("😀x😀")).isFalse();
        assertThat(Utf8.hasUnpairedSurrogate("\ud800")).isTrue();
        assertThat(Utf8.hasUnpairedSurrogate("x\udc00")).isTrue();
        assertThat(Utf8.hasUnpairedSurrogate("\ude00\ud83d")).isTrue();
        assertThat(Utf8.hasUnpairedSurrogate("😀\ud83d")).isTrue();
        assertThat(Utf8.hasUnpairedSurrogate("\ud83d\ud83d\ude00")).isTrue();
    }

    private static boolean jdkStrict(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean containsNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
