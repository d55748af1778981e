package dev.streamsuite.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness's broker is a real one: topics, transactions, read_committed, and a hard restart. */
@ExtendWith(KafkaBroker.class)
class KafkaBrokerIT {

    @Test
    void producesAndReadsBackCommittedRecordsOnly() {
        String bootstrap = KafkaBroker.bootstrapServers();
        KafkaClients.createTopics(bootstrap, 3, "harness");
        KafkaClients.send(bootstrap, "harness", List.of(new SimpleEntry<>("k1", "plain")));

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "harness-tx");
        try (KafkaProducer<String, String> tx = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            tx.initTransactions();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>("harness", "k2", "aborted"));
            tx.abortTransaction();
            tx.beginTransaction();
            tx.send(new ProducerRecord<>("harness", "k3", "committed"));
            tx.commitTransaction();
        }
        List<KafkaClients.Read> read = KafkaClients.readAtLeast(bootstrap, "harness", 2, Duration.ofSeconds(30));
        assertThat(read).extracting(KafkaClients.Read::value).containsExactlyInAnyOrder("plain", "committed");
    }

    @Test
    void survivesASigkillWithItsData() {
        String bootstrap = KafkaBroker.bootstrapServers();
        KafkaClients.createTopics(bootstrap, 1, "harness-restart");
        KafkaClients.send(bootstrap, "harness-restart", List.of(Map.entry("k", "before")));
        KafkaBroker.restartHard();
        KafkaClients.send(bootstrap, "harness-restart", List.of(Map.entry("k", "after")));
        assertThat(KafkaClients.readAtLeast(bootstrap, "harness-restart", 2, Duration.ofSeconds(30)))
                .extracting(KafkaClients.Read::value).containsExactly("before", "after");
    }
}
