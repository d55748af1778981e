package dev.streamsuite.orders.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A joined order on its way to its output topic, as the JSON the join wrote for it (once per order). */
record Joined(boolean enriched, byte[] json) {

    /** Writes the JSON as is; nothing reads the output topics with this serde. */
    static final Serde<Joined> AS_JSON = Serdes.serdeFrom((topic, joined) -> joined == null ? null : joined.json(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("joined orders are only written");
            });
}
