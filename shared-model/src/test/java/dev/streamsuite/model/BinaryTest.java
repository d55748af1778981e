package dev.streamsuite.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class BinaryTest {

    private static final Serde<Balance> SERDE = Binary.serde(
            (out, b) -> out.writeString(b.userId()).writeDecimal(b.balance()).writeLong(b.transactionCount())
                    .writeInstant(b.updatedAt()),
            in -> new Balance(in.readString(), in.readDecimal(), in.readLong(), in.readInstant()),
            Balance.class);

    private static Balance roundTrip(Balance value) {
        return SERDE.deserializer().deserialize("t", SERDE.serializer().serialize("t", value));
    }

    @Test
    void keepsEveryValueExactly() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal amount = switch (random.nextInt(3)) {
                case 0 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(0, 5));
                case 1 -> new BigDecimal("-" + "9".repeat(random.nextInt(1, 40)) + ".5000");
                default -> BigDecimal.valueOf(random.nextInt(-100, 100), random.nextInt(-3, 3));
            };
            Instant at = random.nextInt(5) == 0 ? null
                    : Instant.ofEpochSecond(random.nextLong(-10_000_000_000L, 10_000_000_000L), random.nextInt(1_000_000_000));
            String user = random.nextInt(5) == 0 ? null : "ü-" + random.nextInt() + "\uD83D\uDE00";
            Balance value = new Balance(user, amount, random.nextLong(), at);
            Balance back = roundTrip(value);
            assertThat(back).isEqualTo(value);
            assertThat(back.balance().scale()).isEqualTo(amount.scale());
        }
        assertThat(roundTrip(new Balance("u", null, Long.MIN_VALUE, null)))
                .isEqualTo(new Balance("u", null, Long.MIN_VALUE, null));
        assertThat(SERDE.serializer().serialize("t", null)).isNull();
        assertThat(SERDE.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void readsJsonOfEarlierVersions() {
        Balance value = new Balance("u-1", new BigDecimal("-5.00"), 3, Instant.parse("2026-11-24T10:03:12Z"));
        assertThat(SERDE.deserializer().deserialize("t", Json.write(value))).isEqualTo(value);
    }

    @Test
    void rejectsDamagedValuesClearly() {
        byte[] bytes = SERDE.serializer().serialize("t",
                new Balance("u-1", BigDecimal.ONE, 1, Instant.EPOCH));
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ends early");
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("left over");
        assertThatThrownBy(() -> SERDE.deserializer().deserialize("t", new byte[] {9}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("first byte 9");
    }
}
