package io.livepeerpool.gateway.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/** The shared idempotent producer for single records: send, then wait for the broker's {@code acks=all}. */
public final class AckedProducer implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final Duration ackTimeout;

    public AckedProducer(Producer<String, byte[]> producer, Duration ackTimeout) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
    }

    /** Returns once the record is acknowledged; {@link PublishFailed} if it is not within the ack timeout. */
    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        Future<RecordMetadata> ack;
        try {
            ack = producer.send(record);
        } catch (KafkaException e) {
            throw new PublishFailed("Kafka did not accept the record: " + e.getMessage());
        }
        try {
            // The producer's own delivery timeout fires first; the margin only covers a stuck callback.
            return ack.get(ackTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PublishFailed("Kafka did not acknowledge within " + ackTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new PublishFailed("Kafka did not acknowledge the record: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while waiting for Kafka");
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
