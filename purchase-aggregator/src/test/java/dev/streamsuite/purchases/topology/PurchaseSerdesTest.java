package dev.streamsuite.purchases.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Binary;
import dev.streamsuite.model.Json;
import dev.streamsuite.model.Purchase;
import dev.streamsuite.model.PurchaseSummary;
import dev.streamsuite.runtime.topology.Input;
import dev.streamsuite.runtime.topology.InputSerde;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class PurchaseSerdesTest {

    private static final String[] USERS = {"u-1", "ユーザー-😀", "ü\"\\\u0001-x", "u".repeat(256)};
    private static final String[] TYPES = {null, "PURCHASE", "REFUND", "Ä-type"};

    private static String randomAmount(SplittableRandom random, boolean positive) {
        // negative scales print as 1.5E+3, and their scale must survive as well
        BigDecimal amount = BigDecimal.valueOf(random.nextLong(1, 1_000_000_000_000L), random.nextInt(-3, 5));
        String text = random.nextBoolean() ? amount.toString() : amount.toPlainString();
        return positive || random.nextBoolean() ? text : "-" + text;
    }

    @Test
    void repartitionedPurchasesKeepEveryFieldAndTheOriginalBytes() {
        Serde<Input<Purchase>> input = InputSerde.of(Purchase::parse, false);
        Serde<Input<Purchase>> serde = PurchaseTopology.repartitionSerde();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            Instant at = Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000));
            String json = (random.nextBoolean() ? " " : "") + "{\"purchaseId\":\"p-" + random.nextInt() + "😀\","
                    + "\"userId\":" + quote(USERS[random.nextInt(USERS.length)])
                    + ",\"amount\":" + randomAmount(random, type == null || type.equals("PURCHASE"))
                    + (type == null ? "" : ",\"type\":" + quote(type)) + ",\"timestamp\":\"" + at + "\",\"extra\":[1]}";
            byte[] raw = json.getBytes(StandardCharsets.UTF_8);
            Input<Purchase> parsed = input.deserializer().deserialize("purchases", raw);
            assertThat(parsed.isValid()).as(json).isTrue();

            byte[] wire = serde.serializer().serialize("by-user", parsed);
            assertThat(wire[0]).isNotEqualTo(raw[0]); // the binary form, not the JSON again
            Input<Purchase> back = serde.deserializer().deserialize("by-user", wire);
            assertThat(back.isValid()).isTrue();
            assertThat(back.value()).isEqualTo(parsed.value());
            assertThat(back.value().amount().scale()).isEqualTo(parsed.value().amount().scale());
            assertThat(back.value().counts()).isEqualTo(parsed.value().counts());
            assertThat(back.raw()).isEqualTo(raw);
        }
    }

    @Test
    void repartitionedRecordsOfTheEarlierVersionAreParsedFromTheirJson() {
        byte[] raw = "{\"purchaseId\":\"p-1\",\"userId\":\"ユーザー-😀\",\"amount\":12.50,\"timestamp\":\"2026-11-24T10:03:12Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        Input<Purchase> back = PurchaseTopology.repartitionSerde().deserializer().deserialize("by-user", raw);
        assertThat(back.value()).isEqualTo(new Purchase("p-1", "ユーザー-😀", new BigDecimal("12.50"), "PURCHASE",
                Instant.parse("2026-11-24T10:03:12Z")));
        assertThat(back.raw()).isEqualTo(raw);
    }

    private static BigDecimal randomDecimal(SplittableRandom random) {
        if (random.nextInt(10) == 0) { // beyond a long
            BigInteger unscaled = new BigInteger(random.nextInt(64, 200), new Random(random.nextLong()));
            return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(-4, 8));
        }
        return BigDecimal.valueOf(random.nextLong(), random.nextInt(-4, 8));
    }

    @Test
    void windowTotalsKeepCountAndMoneyExactly() {
        Serde<WindowTotals> serde = WindowTotals.serde();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            WindowTotals value = new WindowTotals(random.nextLong(), randomDecimal(random), randomDecimal(random),
                    randomDecimal(random));
            byte[] bytes = serde.serializer().serialize("store", value);
            assertThat(bytes[0]).isEqualTo(Binary.FORMAT_1);
            WindowTotals back = serde.deserializer().deserialize("store", bytes);
            assertThat(back).isEqualTo(value); // BigDecimal.equals compares the scale as well
        }
    }

    @Test
    void windowTotalsReadTheWholeSummariesAnEarlierVersionStoredAsJson() {
        PurchaseSummary legacy = new PurchaseSummary("ユーザー-😀", Instant.parse("2026-11-24T10:00:00Z"),
                Instant.parse("2026-11-24T10:05:00Z"), 3, new BigDecimal("47.50"), new BigDecimal("5.00"), new BigDecimal("30"));
        WindowTotals read = WindowTotals.serde().deserializer().deserialize("store", Json.write(legacy));
        assertThat(read).isEqualTo(new WindowTotals(3, new BigDecimal("47.50"), new BigDecimal("5.00"), new BigDecimal("30")));
        assertThat(read.summary(legacy.userId(), legacy.windowStart().toEpochMilli(), 300_000)).isEqualTo(legacy);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
