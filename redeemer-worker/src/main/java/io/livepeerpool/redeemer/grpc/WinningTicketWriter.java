package io.livepeerpool.redeemer.grpc;

import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.tickets.WinningTicketRecords;
import io.livepeerpool.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a queued ticket to {@code pool.winning-tickets}, keyed by the lowercase sender (one queue per sender), with an
 * idempotent {@code acks=all} producer, and returns only once the broker acknowledged it. A retried QueueTicket writes
 * the ticket again; the redeemer dedupes by ticket hash, as it does for the gateway's retries.
 */
final class WinningTicketWriter implements AutoCloseable {
    static final String KEY_ID = "grpc";
    private static final int LINGER_MS = 1;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final Serializer<WinningTicket> serializer;
    private final Duration ackTimeout;
    private final Clock clock;

    WinningTicketWriter(Producer<String, byte[]> producer, Serializer<WinningTicket> serializer, Duration ackTimeout, Clock clock) {
        this.producer = producer;
        this.serializer = serializer;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
    }

    /** Every wait (metadata, request, delivery) is bounded by the ack timeout, so a call never outlives it by much. */
    static Properties producerSettings(String bootstrapServers, Duration ackTimeout) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "redeemer-grpc");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(LINGER_MS));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout.toMillis() - LINGER_MS));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout.toMillis()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ackTimeout.toMillis()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    static WinningTicketWriter connect(String bootstrapServers, Serializer<WinningTicket> serializer, Duration ackTimeout) {
        return new WinningTicketWriter(new KafkaProducer<>(producerSettings(bootstrapServers, ackTimeout)), serializer,
                ackTimeout, Clock.systemUTC());
    }

    /** Returns the record written once acknowledged; {@link KafkaUnavailable} if it is not within the ack timeout. */
    WinningTicket write(ReceivedTicket ticket) {
        WinningTicket record = toAvro(ticket);
        byte[] value;
        try {
            value = serializer.serialize(Topics.WINNING_TICKETS.name(), record);
        } catch (RuntimeException e) {
            throw new KafkaUnavailable("cannot encode the ticket (schema registry): " + e.getMessage());
        }
        Future<RecordMetadata> ack;
        try {
            ack = producer.send(new ProducerRecord<>(Topics.WINNING_TICKETS.name(), record.getSender(), value));
        } catch (KafkaException e) {
            throw new KafkaUnavailable("Kafka did not accept the ticket: " + e.getMessage());
        }
        try {
            // the producer's delivery timeout fires first; the margin only covers a stuck callback
            ack.get(ackTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return record;
        } catch (TimeoutException e) {
            throw new KafkaUnavailable("Kafka did not acknowledge the ticket within " + ackTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new KafkaUnavailable("Kafka did not acknowledge the ticket: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted while waiting for Kafka");
        }
    }

    private WinningTicket toAvro(ReceivedTicket t) {
        return WinningTicketRecords.ticketFields(t.ticket(), t.hash().hex(), t.sig(), t.recipientRand(),
                        t.paramsExpirationBlock())
                .setRequestId(UUID.randomUUID().toString())
                .setOrchestrator(t.ticket().recipient().hex())
                .setKeyId(KEY_ID)
                .setReceivedAt(clock.instant())
                .build();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
