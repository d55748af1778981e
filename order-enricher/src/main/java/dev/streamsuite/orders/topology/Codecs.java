package dev.streamsuite.orders.topology;

import dev.streamsuite.model.Binary;
import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Order;
import dev.streamsuite.model.OrderItem;
import dev.streamsuite.model.Validated;
import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

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
    static final Serde<Order> BUFFERED_ORDER = Binary.serde(Codecs::writeOrder, Codecs::readOrder,
            (topic, raw) -> parseValid(raw));

    private Codecs() {
    }

    static void writeOrder(Binary.Writer out, Order order) {
        out.writeString(order.orderId()).writeString(order.customerId()).writeDecimal(order.amount())
                .writeString(order.currency());
        // an absent list stays absent, an empty one stays []
        out.writeList(order.items(), (o, item) -> o.writeString(item.sku()).writeLong(item.quantity())
                .writeDecimal(item.unitPrice()));
        out.writeInstant(order.timestamp());
    }

    static Order readOrder(Binary.Reader in) {
        String orderId = in.readString();
        String customerId = in.readString();
        BigDecimal amount = in.readDecimal();
        String currency = in.readString();
        List<OrderItem> items = in.readList(r -> new OrderItem(r.readString(), r.readInt(), r.readDecimal()));
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
}
