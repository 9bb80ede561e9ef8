package io.livepeerpool.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The pool's recovery logic, with Kafka's own MockProducer standing in for the broker. */
class TransactionalProducersTest {
    final List<MockProducer<String, byte[]>> made = new ArrayList<>();
    final List<String> ids = new ArrayList<>();

    TransactionalProducers pool(int size) {
        return new TransactionalProducers(id -> {
            ids.add(id);
            MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
            made.add(producer);
            return producer;
        }, "gw-test", size, Duration.ofMillis(200));
    }

    static List<ProducerRecord<String, byte[]>> records(int n) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new ProducerRecord<>("t", "k" + i, new byte[] {(byte) i}));
        }
        return records;
    }

    @Test
    void aBatchIsOneCommittedTransaction() {
        TransactionalProducers pool = pool(2);

        pool.sendAtomically(records(3));

        MockProducer<String, byte[]> producer = made.get(0);
        assertThat(producer.transactionInitialized()).isTrue();
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.history()).hasSize(3);
        assertThat(ids).containsExactly("gw-test-0");
    }

    @Test
    void aFailedCommitAbortsAndTheProducerIsReplacedUnderTheSameId() {
        TransactionalProducers pool = pool(1);
        pool.sendAtomically(records(1));
        made.get(0).commitTransactionException = new KafkaException("broker went away");

        assertThatThrownBy(() -> pool.sendAtomically(records(3))).isInstanceOf(PublishFailed.class)
                .hasMessageContaining("broker went away");

        assertThat(made.get(0).transactionAborted()).isTrue();
        assertThat(made.get(0).closed()).isTrue();
        pool.sendAtomically(records(2));
        assertThat(made).hasSize(2);
        assertThat(ids).containsExactly("gw-test-0", "gw-test-0");
        assertThat(made.get(1).transactionCommitted()).isTrue();
    }

    @Test
    void aProducerThatCannotStartIsClosedAndRetriedLater() {
        TransactionalProducers pool = pool(1);
        // first producer fails initTransactions
        TransactionalProducers failing = new TransactionalProducers(id -> {
            MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
            if (made.isEmpty()) {
                producer.initTransactionException = new org.apache.kafka.common.errors.TimeoutException("no broker");
            }
            made.add(producer);
            return producer;
        }, "gw-test", 1, Duration.ofMillis(200));

        assertThatThrownBy(() -> failing.sendAtomically(records(1))).isInstanceOf(PublishFailed.class);
        failing.sendAtomically(records(1));

        assertThat(made).hasSize(2);
        assertThat(made.get(0).closed()).isTrue();
        assertThat(made.get(1).transactionCommitted()).isTrue();
        pool.close();
    }
}
