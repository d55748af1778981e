package dev.streamsuite.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.streamsuite.model.Binary;
import dev.streamsuite.model.FraudAlert;
import dev.streamsuite.model.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** {@link AlertsAt#SERDE} and replacing an alert by its alertId. */
class AlertsAtTest {

    private static final String STORE = "alerts-store";

    private static byte[] write(AlertsAt value) {
        return AlertsAt.SERDE.serializer().serialize(STORE, value);
    }

    private static AlertsAt read(byte[] bytes) {
        return AlertsAt.SERDE.deserializer().deserialize(STORE, bytes);
    }

    private static String text(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "t-" + random.nextInt();
            default -> "balance -5.00 \u00fc\u4e2d\uD83D\uDE00 " + random.nextLong();
        };
    }

    private static BigDecimal decimal(SplittableRandom random) {
        return random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextLong(), random.nextInt(0, 6));
    }

    private static AlertsAt randomAlerts(SplittableRandom random) {
        List<FraudAlert> alerts = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            Instant at = random.nextInt(5) == 0 ? null
                    : Instant.ofEpochSecond(random.nextLong(0, 250_000_000_000L), random.nextInt(1_000_000_000));
            alerts.add(new FraudAlert(text(random), text(random), text(random), text(random), decimal(random),
                    decimal(random), at, text(random)));
        }
        return new AlertsAt(alerts);
    }

    @Test
    void keepsEveryValueExactly() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            AlertsAt value = randomAlerts(random);
            byte[] bytes = write(value);
            assertThat(bytes[0]).isEqualTo(Binary.FORMAT_1);
            assertThat(read(bytes)).isEqualTo(value);
        }
        assertThat(write(null)).isNull();
        assertThat(read(null)).isNull();
    }

    @Test
    void readsTheJsonAnEarlierVersionStored() {
        String json = "{\"alerts\":[{\"alertId\":\"t-1:NEGATIVE_BALANCE\",\"userId\":\"u-1\",\"transactionId\":\"t-1\","
                + "\"rule\":\"NEGATIVE_BALANCE\",\"amount\":-25.00,\"balance\":-5.00,\"timestamp\":\"2026-11-24T10:00:00.000000001Z\","
                + "\"message\":\"balance -5.00 is below zero\"}]}";
        assertThat(read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(new AlertsAt(List.of(new FraudAlert(
                "t-1:NEGATIVE_BALANCE", "u-1", "t-1", "NEGATIVE_BALANCE", new BigDecimal("-25.00"), new BigDecimal("-5.00"),
                Instant.parse("2026-11-24T10:00:00.000000001Z"), "balance -5.00 is below zero"))));
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 2_000; i++) {
            AlertsAt value = randomAlerts(random);
            assertThat(read(Json.write(value))).isEqualTo(value);
        }
    }

    @Test
    void rejectsDamagedValues() {
        byte[] bytes = write(randomAlerts(new SplittableRandom(1)).with(List.of(alert("t-1", "R", "x"))));
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 1))).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length + 1))).isInstanceOf(SerializationException.class);
        byte[] hugeCount = new Binary.Writer(16).writeByte(Binary.FORMAT_1).writeLong(Integer.MAX_VALUE).toByteArray();
        assertThatThrownBy(() -> read(hugeCount)).isInstanceOf(SerializationException.class).hasMessageContaining("ends early");
    }

    private static FraudAlert alert(String transactionId, String rule, String message) {
        return new FraudAlert(transactionId + ":" + rule, "u-1", transactionId, rule, BigDecimal.ONE.negate(),
                BigDecimal.ONE.negate(), Instant.EPOCH, message);
    }

    @Test
    void addedAlertsGoLastAndReplaceTheirAlertIds() {
        AlertsAt before = new AlertsAt(List.of(alert("t-1", "A", "old"), alert("t-2", "A", "kept"), alert("t-1", "B", "old")));
        AlertsAt after = before.with(List.of(alert("t-1", "A", "new"), alert("t-1", "C", "new")));
        assertThat(after.alerts()).extracting(FraudAlert::alertId, FraudAlert::message).containsExactly(
                tuple("t-2:A", "kept"), tuple("t-1:B", "old"),
                tuple("t-1:A", "new"), tuple("t-1:C", "new"));
    }
}
