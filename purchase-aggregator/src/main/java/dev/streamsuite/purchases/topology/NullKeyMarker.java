package dev.streamsuite.purchases.topology;

import dev.streamsuite.model.Purchase;
import dev.streamsuite.runtime.topology.Input;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Remembers, in a header that crosses the repartition topic, that a purchase arrived without a key:
 * a late purchase goes to purchases-late unchanged, so with its original (null) key.
 */
final class NullKeyMarker implements FixedKeyProcessor<String, Input<Purchase>, Input<Purchase>> {

    static final String HEADER = "purchases.null-key";

    private FixedKeyProcessorContext<String, Input<Purchase>> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Input<Purchase>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Input<Purchase>> record) {
        record.headers().remove(HEADER);
        if (record.key() == null) {
            record.headers().add(HEADER, new byte[0]);
        }
        context.forward(record);
    }
}
