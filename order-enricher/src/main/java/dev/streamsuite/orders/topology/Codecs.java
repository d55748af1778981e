package dev.streamsuite.orders.topology;

import dev.streamsuite.model.Binary;
import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Order;
import dev.streamsuite.model.OrderItem;
import dev.streamsuite.model.Validated;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * {@link Binary} forms of the values the join reads and writes on every record (orders across the
 * repartition and in the buffer, customer versions), so none is parsed from JSON more than once. Each
 * serde still reads what the earlier version wrote, so existing stores, changelogs and repartition records
 * keep working after an upgrade.
 */
final class Codecs {

    /** Customer versions; the earlier version wrote them as JSON of {@link CustomerVersion}. */
    static final Serde<CustomerVersion> CUSTOMER_VERSION = Binary.serde(Codecs::writeVersion, Codecs::readVersion,
            CustomerVersion.class);

    /**
     * Waiting orders. The earlier version kept an order's original input bytes, which only {@link Order#parse}
     * reads as the input was read (they may start with whitespace, and amounts are normalized there).
     */
    static final Serde<Order> BUFFERED_ORDER = binaryOr(Codecs::writeOrder, Codecs::readOrder, Codecs::parseValid);

    private Codecs() {
    }

    static void writeOrder(Binary.Writer out, Order order) {
        out.writeString(order.orderId()).writeString(order.customerId()).writeDecimal(order.amount())
                .writeString(order.currency());
        List<OrderItem> items = order.items();
        out.writeLong(items == null ? -1 : items.size()); // an absent list stays absent, an empty one stays []
        if (items != null) {
            for (OrderItem item : items) {
                out.writeString(item.sku()).writeLong(item.quantity()).writeDecimal(item.unitPrice());
            }
        }
        out.writeInstant(order.timestamp());
    }

    static Order readOrder(Binary.Reader in) {
        String orderId = in.readString();
        String customerId = in.readString();
        BigDecimal amount = in.readDecimal();
        String currency = in.readString();
        int count = in.readInt();
        if (count < -1) {
            throw new SerializationException("bad item count " + count);
        }
        List<OrderItem> items = null;
        if (count >= 0) {
            // capacity capped: a damaged count must fail on the missing bytes, not allocate first
            items = new ArrayList<>(Math.min(count, 16));
            for (int i = 0; i < count; i++) {
                items.add(new OrderItem(in.readString(), in.readInt(), in.readDecimal()));
            }
            items = Collections.unmodifiableList(items);
        }
        return new Order(orderId, customerId, amount, currency, items, in.readInstant());
    }

    private static void writeVersion(Binary.Writer out, CustomerVersion version) {
        out.writeBoolean(version.deleted());
        if (!version.deleted()) {
            Customer c = version.customer();
            out.writeString(c.customerId()).writeString(c.name()).writeString(c.email()).writeString(c.tier())
                    .writeString(c.country()).writeInstant(c.updatedAt());
        }
    }

    private static CustomerVersion readVersion(Binary.Reader in) {
        if (in.readBoolean()) {
            return CustomerVersion.deletion();
        }
        return CustomerVersion.of(new Customer(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readInstant()));
    }

    /** Orders reach the join only after validation, so their bytes parse. */
    private static Order parseValid(byte[] raw) {
        Validated<Order> order = Order.parse(raw);
        if (!order.isValid()) {
            throw new IllegalStateException("an order that passed validation no longer parses: " + order.reason());
        }
        return order.value();
    }

    /**
     * {@link Binary} values; a value without its format byte was written by the earlier version and is read
     * by {@code legacy} (for values whose earlier form {@link Binary}'s own JSON fallback does not read).
     */
    static <T> Serde<T> binaryOr(BiConsumer<Binary.Writer, T> write, Function<Binary.Reader, T> read,
                                 Function<byte[], T> legacy) {
        Serde<T> binary = Binary.serde(write, read, null);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null || bytes.length == 0 || bytes[0] == Binary.FORMAT_1
                ? binary.deserializer().deserialize(topic, bytes)
                : legacy.apply(bytes);
        return Serdes.serdeFrom(binary.serializer(), deserializer);
    }
}
