package dev.streamsuite.orders.topology;

import dev.streamsuite.model.Customer;
import dev.streamsuite.model.Texts;
import dev.streamsuite.runtime.topology.Input;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every customer change into the versioned store at its event time ({@code updatedAt}, or the
 * record time of a tombstone), so versions may arrive in any order; then passes the change on to the
 * join, where it moves stream time and may release waiting orders. The write comes first, so an order
 * released by this very record already sees it.
 */
final class CustomerVersions implements Processor<String, Input<Customer>, String, JoinInput> {

    private static final Logger log = LoggerFactory.getLogger(CustomerVersions.class);

    private final long historyRetention;
    private ProcessorContext<String, JoinInput> context;
    private VersionedKeyValueStore<String, CustomerVersion> versions;

    CustomerVersions(long historyRetention) {
        this.historyRetention = historyRetention;
    }

    @Override
    public void init(ProcessorContext<String, JoinInput> context) {
        this.context = context;
        this.versions = context.getStateStore(OrderTopology.CUSTOMERS_STORE);
    }

    @Override
    public void process(Record<String, Input<Customer>> record) {
        Input<Customer> input = record.value();
        CustomerVersion version = input.isTombstone() ? CustomerVersion.deletion() : CustomerVersion.of(input.value());
        long written = versions.put(record.key(), version, record.timestamp());
        if (written == VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT) {
            keepBeyondHistory(record.key(), version, record.timestamp());
        }
        context.forward(record.withValue(JoinInput.CUSTOMER_CHANGE));
    }

    /**
     * The store drops a version older than its history retention. Dropping it would lose a customer whose
     * only, or newest, version is that old (say, one re-sent long after its last update), so it is kept as
     * valid from the oldest time the store still answers for, unless a newer version covers that time.
     * Lookups before that time find nothing either way.
     */
    private void keepBeyondHistory(String customerId, CustomerVersion version, long time) {
        long floor = context.currentStreamTimeMs() - historyRetention;
        VersionedRecord<CustomerVersion> current = versions.get(customerId, floor);
        if (current == null || ownTime(current) <= time) {
            versions.put(customerId, version, floor);
            log.info("Customer {} change at {} is older than the customer history retention; kept as valid from {}",
                    Texts.quote(customerId), Instant.ofEpochMilli(time), Instant.ofEpochMilli(floor));
        } else {
            log.info("Customer {} change at {} is older than the customer history retention and superseded by the "
                    + "version at {}; not kept", Texts.quote(customerId), Instant.ofEpochMilli(time), Instant.ofEpochMilli(ownTime(current)));
        }
    }

    /** A version's own time: its updatedAt, which differs from its store timestamp when it was kept as above. */
    private static long ownTime(VersionedRecord<CustomerVersion> stored) {
        return stored.value().deleted() ? stored.timestamp() : stored.value().customer().updatedAt().toEpochMilli();
    }
}
