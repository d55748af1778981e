package dev.streamsuite.orders.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Key of the join buffer: 8-byte big-endian order time, then the orderId. Event times are never
 * negative (the model rejects instants before 1970), so the store's byte order is time order and a scan
 * from the start visits waiting orders oldest first.
 */
final class BufferKey {

    private BufferKey() {
    }

    static Bytes of(long time, String orderId) {
        byte[] id = orderId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(time).put(id).array());
    }

    /** The lowest possible key at {@code time}: below every order at that time, above every earlier one. */
    static Bytes prefix(long time) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(time).array());
    }

    static long time(Bytes key) {
        return ByteBuffer.wrap(key.get()).getLong();
    }
}
