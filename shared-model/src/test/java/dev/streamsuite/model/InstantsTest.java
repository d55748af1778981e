package dev.streamsuite.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The fast paths must agree with the JDK on every text, valid or not; compared, not hard-coded. */
class InstantsTest {

    /** Jackson without the suite's instant module: what the output looked like before. */
    private static final JsonMapper PLAIN = JsonMapper.builder()
            .disable(tools.jackson.databind.cfg.DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static Object jdk(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return "invalid";
        }
    }

    private static Object fast(String text) {
        try {
            return Instants.parse(text);
        } catch (DateTimeParseException e) {
            return "invalid";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T10:03:12Z", "2026-11-24T10:03:12.5Z", "2026-11-24T10:03:12.123456789Z",
            "2026-11-24T10:03:12+01:00", "2026-11-24T10:03:12.1-05:30", "2024-02-29T23:59:59Z", "1970-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999+18:00", "2026-11-24T10:03:12-18:00",
            // the JDK's path decides these: invalid, or valid in a non-canonical shape
            "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-24T24:00:00Z",
            "2026-11-24T10:60:00Z", "2026-11-24T10:03:60Z", "2026-11-24T10:03:12.Z", "2026-11-24T10:03:12.1234567890Z",
            "2026-11-24T10:03:12+18:01", "2026-11-24T10:03:12+19:00", "2026-11-24T10:03:12+01:60",
            "2026-11-24t10:03:12z", "2026-11-24T10:03Z", "2026-11-24T10:03:12+0100", "2026-11-24T10:03:12+01",
            "2026-11-24T10:03:12+01:00:30", "2026-11-24T10:03:12", "2026-11-24 10:03:12Z", "+12026-11-24T10:03:12Z",
            "2026-11-24T10:03:12ZZ", "2026-1a-24T10:03:12Z", "２０２６-11-24T10:03:12Z", ""})
    void parsesExactlyAsTheJdk(String text) {
        assertThat(fast(text)).isEqualTo(jdk(text));
    }

    @Test
    void parsesRandomTextsAsTheJdk() {
        SplittableRandom random = new SplittableRandom(42);
        String alphabet = "0123456789-:T.Z+ ";
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 253_402_300_799L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            int offsetMinutes = random.nextInt(5) == 0 ? 0 : random.nextInt(-18 * 60, 18 * 60 + 1);
            String text = instant.atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toString();
            if (random.nextBoolean()) {
                char[] chars = text.toCharArray();
                chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                text = new String(chars);
            }
            assertThat(fast(text)).as(text).isEqualTo(jdk(text));
        }
    }

    @Test
    void formatsAsInstantToStringAndJackson() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(-1_000_000_000L, 400_000_000_000L), nanos);
            assertThat(Instants.format(instant)).isEqualTo(instant.toString());
            assertThat(Json.writeString(instant)).isEqualTo(PLAIN.writeValueAsString(instant));
        }
        assertThat(Instants.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(Instants.format(Instant.parse("9999-12-31T23:59:59.999999999Z")))
                .isEqualTo("9999-12-31T23:59:59.999999999Z");
    }

    @Test
    void jsonReadsEveryFormJacksonReadsAndRejectsTheRest() {
        for (String json : new String[] {"\"2026-11-24T10:03:12Z\"", "\"2026-11-24T10:03:12.250+01:00\"",
                "\"2026-11-24t10:03:12z\"", "1764000000", "1764000000.5"}) {
            assertThat(Json.MAPPER.readValue(json, Instant.class)).as(json)
                    .isEqualTo(PLAIN.readValue(json, Instant.class));
        }
        assertThatThrownBy(() -> Json.MAPPER.readValue("\"2026-02-30T00:00:00Z\"", Instant.class))
                .isInstanceOf(tools.jackson.core.JacksonException.class);
    }
}
