package dev.streamsuite.orders.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamsuite.model.Binary;
import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Json;
import dev.streamsuite.model.Order;
import dev.streamsuite.model.OrderItem;
import dev.streamsuite.model.OrderResult;
import dev.streamsuite.runtime.topology.Input;
import dev.streamsuite.runtime.topology.InputSerde;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class CodecsTest {

    private static final Serde<Input<Order>> REPARTITIONED = InputSerde.repartitioned(Order::parse, Codecs::writeOrder,
            Codecs::readOrder);

    private static final byte[] ORDER_JSON = ("\t {\"orderId\":\"o-ü\",\"customerId\":\"c-1\",\"amount\":1E+2,\"currency\":\"EUR\","
            + "\"items\":[{\"sku\":\"A1\",\"quantity\":2,\"unitPrice\":49.9500}],\"timestamp\":\"2026-11-24T10:03:12.000000001+01:00\","
            + "\"extra\":[1]}").getBytes(StandardCharsets.UTF_8);

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    private static Order randomOrder(SplittableRandom random) {
        List<OrderItem> items = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> List.of();
            default -> List.of(new OrderItem("sku-" + random.nextInt(), random.nextInt(1, Integer.MAX_VALUE),
                    BigDecimal.valueOf(random.nextLong(), random.nextInt(0, 5))), new OrderItem("\uD83D\uDE00", 1,
                    new BigDecimal("9".repeat(random.nextInt(1, 30)) + ".5000")));
        };
        return new Order("o-" + random.nextInt() + "ü", "c-" + random.nextInt(),
                BigDecimal.valueOf(random.nextLong(0, Long.MAX_VALUE), random.nextInt(0, 5)),
                random.nextBoolean() ? null : "EUR", items,
                Instant.ofEpochSecond(random.nextLong(0, 10_000_000_000L), random.nextInt(1_000_000_000)));
    }

    @Test
    void ordersCrossTheRepartitionAndWaitInTheBufferExactly() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            Order order = randomOrder(random);
            Order buffered = roundTrip(Codecs.BUFFERED_ORDER, order);
            assertThat(buffered).isEqualTo(order);
            assertThat(buffered.amount().scale()).isEqualTo(order.amount().scale());
            if (order.items() != null && !order.items().isEmpty()) {
                assertThat(buffered.items().get(1).unitPrice().scale()).isEqualTo(4);
            }
        }
        Input<Order> read = InputSerde.of(Order::parse, false).deserializer().deserialize("orders", ORDER_JSON);
        Input<Order> back = roundTrip(REPARTITIONED, read);
        assertThat(back.value()).isEqualTo(read.value());
        assertThat(back.value().amount()).isEqualTo(new BigDecimal("100"));
        assertThat(back.value().timestamp()).isEqualTo(Instant.parse("2026-11-24T09:03:12.000000001Z"));
        assertThat(back.raw()).isEqualTo(ORDER_JSON);
    }

    @Test
    void customerVersionsRoundTripExactly() {
        Customer full = new Customer("c-1", "Ada ü", "ada@example.com", "GOLD", "GB", Instant.parse("2026-11-24T10:00:00.123456789Z"));
        Customer sparse = new Customer("c-2", "", null, null, null, Instant.EPOCH);
        for (CustomerVersion version : List.of(CustomerVersion.of(full), CustomerVersion.of(sparse), CustomerVersion.deletion())) {
            assertThat(roundTrip(Codecs.CUSTOMER_VERSION, version)).isEqualTo(version);
        }
    }

    @Test
    void ordersAtKeepTheirJsonBytesAndOrder() {
        byte[] first = "{\"orderId\":\"o-1\",\"amount\":1.10}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"orderId\":\"o-2\",\"name\":\"ü\"}".getBytes(StandardCharsets.UTF_8);
        OrdersAt back = roundTrip(OrdersAt.SERDE, OrdersAt.of("o-1", first).with("o-2", second));
        assertThat(back.orders()).extracting(OrdersAt.Listed::orderId).containsExactly("o-1", "o-2");
        assertThat(back.orders().get(0).json()).isEqualTo(first);
        assertThat(back.orders().get(1).json()).isEqualTo(second);
        assertThat(back.contains("o-2")).isTrue();
        assertThat(back.contains("o-3")).isFalse();
    }

    @Test
    void readsWhatTheEarlierVersionWrote() {
        Customer ada = new Customer("c-1", "Ada", null, "GOLD", "GB", Instant.parse("2026-11-24T10:00:00.5Z"));
        for (CustomerVersion version : List.of(CustomerVersion.of(ada), CustomerVersion.deletion())) {
            assertThat(Codecs.CUSTOMER_VERSION.deserializer().deserialize("t", Json.write(version))).isEqualTo(version);
        }
        // the buffer and the repartition topic held the order's input bytes
        Order parsed = Order.parse(ORDER_JSON).value();
        assertThat(Codecs.BUFFERED_ORDER.deserializer().deserialize("t", ORDER_JSON)).isEqualTo(parsed);
        assertThat(REPARTITIONED.deserializer().deserialize("t", ORDER_JSON).value()).isEqualTo(parsed);
        // the customer's list held each order as a duplicate entry of its own, as JSON
        byte[] result = Json.write(OrderResult.enriched(parsed, ada));
        OrdersAt legacy = OrdersAt.SERDE.deserializer().deserialize("t", result);
        assertThat(legacy.orders()).singleElement().satisfies(listed -> {
            assertThat(listed.orderId()).isEqualTo("o-ü");
            assertThat(listed.json()).isEqualTo(result);
        });
    }

    @Test
    void rejectsDamagedValues() {
        byte[] order = Codecs.BUFFERED_ORDER.serializer().serialize("t", randomOrder(new SplittableRandom(1)));
        assertThatThrownBy(() -> Codecs.BUFFERED_ORDER.deserializer().deserialize("t", Arrays.copyOf(order, order.length - 1)))
                .isInstanceOf(SerializationException.class);
        Binary.Writer negativeCount = new Binary.Writer(16).writeByte(Binary.FORMAT_1).writeString("o").writeString("c")
                .writeDecimal(BigDecimal.ONE).writeString(null).writeLong(-2);
        assertThatThrownBy(() -> Codecs.BUFFERED_ORDER.deserializer().deserialize("t", negativeCount.toByteArray()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("item count");
    }
}
