package dev.streamsuite.runtime.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;

/**
 * Kafka Streams' own clients, but a stream thread's main consumer leaves the group when {@link ThreadFailures} has
 * just replaced that thread. Kafka Streams closes a replaced thread's consumer staying in the group, so the new
 * thread's first rebalance waited for the dead member's {@code session.timeout.ms}: measured in
 * {@code ThreadReplacementIT}, 45 s without processing before the new thread had its tasks, against about a second
 * when it leaves. Under exactly-once leaving is safe: the dead thread's tasks were closed without a commit, and the
 * new thread, taking its transactional id, fences its open transaction.
 */
final class LeavingClientSupplier extends DefaultKafkaClientSupplier {

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()) {
            @Override
            public void close(CloseOptions options) {
                // called on the stream thread itself as it ends, after the exception handler ran there
                super.close(ThreadFailures.replacingThisThread()
                        ? options.withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP) : options);
            }
        };
    }
}
