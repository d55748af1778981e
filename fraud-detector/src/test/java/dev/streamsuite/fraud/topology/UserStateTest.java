package dev.streamsuite.fraud.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamsuite.model.Binary;
import dev.streamsuite.model.FraudAlert;
import dev.streamsuite.model.Json;
import dev.streamsuite.model.Transaction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link UserState#SERDE}: exact round trips, and the JSON an earlier version stored. */
class UserStateTest {

    private static final String STORE = "balances-store";

    private static byte[] write(UserState state) {
        return UserState.SERDE.serializer().serialize(STORE, state);
    }

    private static UserState read(byte[] bytes) {
        return UserState.SERDE.deserializer().deserialize(STORE, bytes);
    }

    private static BigDecimal decimal(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(0, 5));
            case 2 -> BigDecimal.valueOf(random.nextInt(-1000, 1000), random.nextInt(-3, 8));
            // beyond a long: the unscaled value goes as bytes
            case 3 -> new BigDecimal(new BigInteger(random.nextInt(64, 200), new java.util.Random(random.nextLong()))
                    .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)), random.nextInt(0, 30));
            default -> new BigDecimal(random.nextBoolean() ? "0.0000" : "-0.10");
        };
    }

    private static Instant instant(SplittableRandom random) {
        return Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 100_000_000_000L), random.nextInt(1_000_000_000));
    }

    private static UserState randomState(SplittableRandom random) {
        List<Instant> debits = new ArrayList<>();
        for (int i = random.nextInt(8); i > 0; i--) {
            debits.add(instant(random));
        }
        String country = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "GB";
            default -> "Ü\u00df\u4e2d\uD83D\uDE00";
        };
        return new UserState(decimal(random), random.nextLong(), random.nextInt(4) == 0 ? null : instant(random),
                random.nextInt(6) == 0 ? null : debits, random.nextLong(), decimal(random), country,
                random.nextInt(3) == 0 ? null : instant(random), switch (random.nextInt(4)) {
                    case 0 -> null;
                    case 1 -> UserState.NO_ALERTS;
                    default -> random.nextLong();
                });
    }

    @Test
    void keepsEveryValueExactly() {
        SplittableRandom random = new SplittableRandom(20261124);
        for (int i = 0; i < 20_000; i++) {
            UserState state = randomState(random);
            byte[] bytes = write(state);
            assertThat(bytes[0]).isEqualTo(Binary.FORMAT_1);
            UserState back = read(bytes);
            // record equality compares BigDecimals with equals, so the scale too, and instants to the nanosecond
            assertThat(back).isEqualTo(state);
            if (state.balance() != null) {
                assertThat(back.balance().scale()).isEqualTo(state.balance().scale());
            }
        }
        assertThat(read(write(UserState.empty()))).isEqualTo(UserState.empty());
        assertThat(write(null)).isNull();
        assertThat(read(null)).isNull();
    }

    @Test
    void readsTheJsonAnEarlierVersionStored() {
        String json = "{\"balance\":-5.00,\"transactionCount\":3,\"updatedAt\":\"2026-11-24T10:03:12.123456789Z\","
                + "\"recentDebitTimes\":[\"2026-11-24T10:01:00Z\",\"2026-11-24T10:03:12.123456789Z\"],"
                + "\"debitCount\":2,\"debitTotal\":15.000,\"lastCountry\":\"GB\",\"lastCountryAt\":\"2026-11-24T10:03:12.123456789Z\"}";
        Instant at = Instant.parse("2026-11-24T10:03:12.123456789Z");
        assertThat(read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(new UserState(new BigDecimal("-5.00"), 3, at,
                List.of(Instant.parse("2026-11-24T10:01:00Z"), at), 2, new BigDecimal("15.000"), "GB", at, null));
        // the earlier version left out null fields
        assertThat(read("{\"balance\":1,\"transactionCount\":1,\"updatedAt\":\"2026-11-24T10:00:00Z\",\"recentDebitTimes\":[],\"debitCount\":0,\"debitTotal\":0}"
                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new UserState(BigDecimal.ONE, 1, Instant.parse("2026-11-24T10:00:00Z"), List.of(), 0,
                        BigDecimal.ZERO, null, null, null));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            UserState state = randomState(random);
            // JSON writes 5E+3 as 5000, so only states without negative scales come back equal
            if (Arrays.asList(state.balance(), state.debitTotal()).stream().noneMatch(d -> d != null && d.scale() < 0)) {
                assertThat(read(Json.write(state))).isEqualTo(state);
            }
        }
    }

    @Test
    void aUserAnEarlierVersionStoredAsJsonGoesOnFromThatState(@TempDir Path stateDir) {
        try (FraudDriver fraud = new FraudDriver(stateDir, RuleSettings.defaults())) {
            // into RocksDB itself, below serde, cache and changelog, as restoring an earlier version's changelog does
            StateStore store = fraud.driver.getKeyValueStore(FraudTopology.BALANCES_STORE);
            while (store instanceof WrappedStateStore<?, ?, ?> wrapped) {
                store = wrapped.wrapped();
            }
            @SuppressWarnings("unchecked")
            KeyValueStore<Bytes, byte[]> bytes = (KeyValueStore<Bytes, byte[]>) store;
            bytes.put(Bytes.wrap("u-1".getBytes(StandardCharsets.UTF_8)), ("{\"balance\":-5.00,\"transactionCount\":3,"
                    + "\"updatedAt\":\"2026-11-24T09:00:00Z\",\"recentDebitTimes\":[\"2026-11-24T09:00:00Z\"],"
                    + "\"debitCount\":1,\"debitTotal\":5.00,\"lastCountry\":\"GB\",\"lastCountryAt\":\"2026-11-24T09:50:00Z\"}")
                    .getBytes(StandardCharsets.UTF_8));

            // and an alert it stored at the time of the next transaction: the state cannot tell, so it is read
            FraudAlert earlier = new FraudAlert("t-3:NEGATIVE_BALANCE", "u-1", "t-3", FraudRules.NEGATIVE_BALANCE,
                    new BigDecimal("-5.00"), new BigDecimal("-5.00"), FraudDriver.T0, "balance -5.00 is below zero");
            fraud.alertStore().put("u-1", new AlertsAt(List.of(earlier)), FraudDriver.T0.toEpochMilli());

            fraud.send("t-4", "u-1", "-1.5", FraudDriver.T0, "FR");

            assertThat(fraud.readAlerts()).extracting(FraudAlert::alertId)
                    .containsExactly("t-4:NEGATIVE_BALANCE", "t-4:COUNTRY_CHANGE");
            assertThat(fraud.state("u-1")).isEqualTo(new UserState(new BigDecimal("-6.50"), 4, FraudDriver.T0,
                    List.of(Instant.parse("2026-11-24T09:00:00Z"), FraudDriver.T0), 2, new BigDecimal("6.50"), "FR",
                    FraudDriver.T0, FraudDriver.T0.toEpochMilli()));
            assertThat(fraud.alertStore().fetch("u-1", FraudDriver.T0.toEpochMilli()).alerts()).extracting(FraudAlert::alertId)
                    .containsExactly("t-3:NEGATIVE_BALANCE", "t-4:NEGATIVE_BALANCE", "t-4:COUNTRY_CHANGE");
        }
    }

    @Test
    void applyKeepsTheLatestDebitTimesInTimeOrderAndTheSums() {
        SplittableRandom random = new SplittableRandom(5);
        for (int run = 0; run < 500; run++) {
            int keep = random.nextInt(1, 8);
            UserState state = UserState.empty();
            List<Instant> allDebits = new ArrayList<>();
            BigDecimal balance = BigDecimal.ZERO;
            BigDecimal debitTotal = BigDecimal.ZERO;
            for (int i = random.nextInt(30); i > 0; i--) {
                // few distinct times, so ties and out-of-order debits are common
                Instant time = FraudDriver.T0.plusSeconds(random.nextInt(20)).plusNanos(random.nextInt(2));
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(1, 10_000) * (random.nextInt(3) == 0 ? 1 : -1), 2);
                state = state.apply(new Transaction("t", "u", amount, time, "m", null), keep);
                balance = balance.add(amount);
                if (amount.signum() < 0) {
                    allDebits.add(time);
                    debitTotal = debitTotal.subtract(amount);
                }
            }
            List<Instant> sorted = allDebits.stream().sorted().toList();
            assertThat(state.recentDebitTimes()).isEqualTo(sorted.subList(Math.max(0, sorted.size() - keep), sorted.size()));
            assertThat(state.balance()).isEqualTo(balance);
            assertThat(state.debitTotal()).isEqualTo(debitTotal);
            assertThat(state.debitCount()).isEqualTo(allDebits.size());
        }
    }

    @Test
    void readsTheBinaryFormOfTheVersionBeforeAlertsUntil() {
        UserState state = new UserState(new BigDecimal("-1.50"), 2, FraudDriver.T0, List.of(FraudDriver.T0), 1,
                new BigDecimal("1.50"), "GB", FraudDriver.T0, null);
        // that version wrote the same fields up to lastCountryAt and nothing after it
        byte[] earlier = new Binary.Writer(64).writeByte(Binary.FORMAT_1).writeDecimal(new BigDecimal("-1.50")).writeLong(2)
                .writeInstant(FraudDriver.T0).writeList(List.of(FraudDriver.T0), Binary.Writer::writeInstant).writeLong(1)
                .writeDecimal(new BigDecimal("1.50")).writeString("GB").writeInstant(FraudDriver.T0).toByteArray();
        assertThat(read(earlier)).isEqualTo(state);
        assertThat(write(state)).isEqualTo(earlier);
        assertThat(read(write(UserState.empty())).alertsUntil()).isEqualTo(UserState.NO_ALERTS);
    }

    @Test
    void rejectsDamagedValues() {
        byte[] bytes = write(new UserState(BigDecimal.TEN, 2, Instant.EPOCH, List.of(Instant.EPOCH, Instant.EPOCH), 2,
                BigDecimal.ONE, "GB", Instant.EPOCH, FraudDriver.T0.toEpochMilli()));
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length - 1))).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> read(Arrays.copyOf(bytes, bytes.length + 1))).isInstanceOf(SerializationException.class);
        // a huge count of debit times fails on the missing bytes, not on allocating for them
        byte[] hugeCount = new Binary.Writer(16).writeByte(Binary.FORMAT_1).writeDecimal(BigDecimal.ONE).writeLong(1)
                .writeInstant(null).writeLong(Integer.MAX_VALUE).toByteArray();
        assertThatThrownBy(() -> read(hugeCount)).isInstanceOf(SerializationException.class).hasMessageContaining("ends early");
        byte[] negativeCount = new Binary.Writer(16).writeByte(Binary.FORMAT_1).writeDecimal(BigDecimal.ONE).writeLong(1)
                .writeInstant(null).writeLong(-1).toByteArray();
        assertThatThrownBy(() -> read(negativeCount)).isInstanceOf(SerializationException.class);
    }
}
