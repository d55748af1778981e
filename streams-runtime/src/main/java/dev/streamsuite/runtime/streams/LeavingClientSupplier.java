package dev.streamsuite.runtime.streams;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Kafka Streams' clients as its default supplier makes them, but a stream thread's main consumer leaves the group when
 * {@link ThreadFailures} has just replaced that thread. Kafka Streams 4.2 closes a replaced thread's consumer staying in
 * the group ({@code replaceStreamThread} overrides the LEAVE_GROUP that KAFKA-12738 meant a dying thread to use), so
 * the new thread's first rebalance waited for the dead member's {@code session.timeout.ms}: measured in
 * {@code ThreadReplacementIT}, 45 s before the new thread had its tasks, against under a second when it leaves. Leaving
 * is what a clean close does too; the dead thread's producer is closed before, so two writers never overlap.
 *
 * <p>With {@code group.protocol=streams} Kafka Streams builds its main consumer itself, and this does not apply.
 */
class LeavingClientSupplier implements KafkaClientSupplier {

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()) {
            // both run on the stream thread itself as it ends, after the exception handler ran there
            @Override
            public void close(CloseOptions options) {
                super.close(ThreadFailures.replacingThisThread()
                        ? options.withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP) : options);
            }

            @Override
            public void close() {
                if (ThreadFailures.replacingThisThread()) {
                    close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
                } else {
                    super.close();
                }
            }
        };
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
