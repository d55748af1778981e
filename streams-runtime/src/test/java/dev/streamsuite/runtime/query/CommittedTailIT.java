package dev.streamsuite.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.testsupport.KafkaBroker;
import dev.streamsuite.testsupport.KafkaClients;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Against a real broker: a partition that ends in an aborted transaction has no committed record after the
 * last committed one, although its end offset lies further; a committed record after it counts, and an open
 * transaction's records do not (yet).
 */
@ExtendWith(KafkaBroker.class)
class CommittedTailIT {

    private static final String TOPIC = "committed-tail-it";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @Test
    void onlyCommittedRecordsCount() throws Exception {
        String bootstrap = KafkaBroker.bootstrapServers();
        KafkaClients.createTopics(bootstrap, 1, TOPIC);
        try (KafkaProducer<String, String> producer = transactional(bootstrap);
             CommittedTail tail = new CommittedTail(() -> Map.of("bootstrap.servers", bootstrap))) {
            producer.initTransactions();
            send(producer, 3);
            producer.commitTransaction(); // offsets 0-2, marker 3
            send(producer, 5);
            producer.abortTransaction(); // offsets 4-8, marker 9
            long end = endOffset(bootstrap);
            assertThat(end).isEqualTo(10);

            // a standby that restored offsets 0-2 is 7 offsets behind, and has every committed record
            assertThat(tail.committedFrom(PARTITION, 3, end, 1)).isZero();
            assertThat(tail.committedFrom(PARTITION, 2, end, 1)).isEqualTo(1);
            assertThat(tail.committedFrom(PARTITION, 0, end, 1)).isEqualTo(2); // capped at limit + 1

            send(producer, 2); // open: offsets 10-11, not committed yet
            assertThat(tail.committedFrom(PARTITION, 3, endOffset(bootstrap), 1)).isZero();
            producer.commitTransaction();
            assertThat(tail.committedFrom(PARTITION, 3, endOffset(bootstrap), 5)).isEqualTo(2);
        }
    }

    private static KafkaProducer<String, String> transactional(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "committed-tail-it",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static void send(KafkaProducer<String, String> producer, int records) {
        producer.beginTransaction();
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(TOPIC, 0, "k", "v" + i));
        }
        producer.flush(); // written before the transaction ends, as a stream thread's are (an abort drops unsent ones)
    }

    private static long endOffset(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            return admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest())).partitionResult(PARTITION).get().offset();
        }
    }
}
