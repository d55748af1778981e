package dev.streamsuite.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamsuite.model.Json;
import dev.streamsuite.model.Transaction;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class LatencyInputTest {

    private static Transaction transaction(long i) {
        ProducerRecord<String, byte[]> record = Service.FRAUD_DETECTOR.latencyInput("r", i, 1_000L, 10);
        Transaction t = Json.read(record.value(), Transaction.class);
        assertThat(record.key()).isEqualTo(t.userId());
        assertThat(record.timestamp()).isEqualTo(1_000L);
        return t;
    }

    @Test
    void fraudLatencyUsersAreDebitedOnceThenOnlyCredited() {
        Transaction first = transaction(0);
        Transaction lastFirst = transaction(Service.LATENCY_USERS - 1);
        Transaction again = transaction(Service.LATENCY_USERS);

        assertThat(first.amount()).isEqualByComparingTo("-1000000.00");
        assertThat(lastFirst.amount()).isEqualByComparingTo("-1000000.00");
        assertThat(lastFirst.userId()).isNotEqualTo(first.userId());
        // the same user as input 0, now credited: the balance stays below zero, so NEGATIVE_BALANCE, and no debit rule
        assertThat(again.userId()).isEqualTo(first.userId());
        assertThat(again.amount()).isEqualByComparingTo("0.01");
        assertThat(again.transactionId()).isNotEqualTo(first.transactionId());
    }
}
