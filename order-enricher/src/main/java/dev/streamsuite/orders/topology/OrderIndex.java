package dev.streamsuite.orders.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every joined order, read back from the two output topics (which are keyed, and so partitioned,
 * by orderId), in a window store at the order's time, so a query by orderId reaches the one instance
 * that holds it and old orders expire with the store's retention.
 *
 * <p>The value is kept as the JSON bytes read, which the API serves as is: nothing else reads it, so
 * parsing it here would only be undone there. The join wrote each record with the orderId as key and the
 * order's time as timestamp, so neither needs reading from the value.
 */
final class OrderIndex implements Processor<String, byte[], Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(OrderIndex.class);

    private ProcessorContext<Void, Void> context;
    private WindowStore<String, byte[]> ordersById;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.ordersById = context.getStateStore(OrderTopology.ORDERS_BY_ID_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        byte[] json = record.value();
        if (record.key() == null || json == null || json.length == 0 || json[0] != '{') {
            // only this service writes these topics; anything else there is not an order of ours
            RecordMetadata source = context.recordMetadata().orElseThrow();
            log.warn("Ignoring a record on {}-{}@{} that is not a joined order", source.topic(), source.partition(),
                    source.offset());
            return;
        }
        ordersById.put(record.key(), json, record.timestamp());
    }
}
