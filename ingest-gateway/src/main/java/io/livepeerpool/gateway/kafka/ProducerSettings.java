package io.livepeerpool.gateway.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producer configuration for the gateway's writes: {@code acks=all} and idempotence always; every wait (metadata,
 * request, delivery) bounded by {@code ackTimeout} so a request thread never blocks longer than that before its
 * 503. Values are serialised by the caller (Avro, registry-backed), so the producer itself only moves bytes.
 *
 * <p>The single-write producer batches by itself, without a linger: with one request in flight per broker
 * ({@code maxInFlight} 1) and {@code lingerMs} 0, a record goes out at once when the connection is idle, and records
 * that arrive while a request is on its way wait for its answer and leave together in the next one (group commit).
 * Under load the batches grow with the round trip instead of with a fixed timer. On a bare producer against the
 * in-JVM dev broker, each sending thread waiting for its acknowledgement: 64 threads, 65,000 records/s at 1 ms each
 * (five in flight: 45,000-56,000); 16 threads, 17,000-25,000 records/s at 0.6-1 ms (a 5 ms linger with five in flight:
 * 1,700-2,200 at 7-9 ms). The gateway-only bench agrees: single posts at 16 connections went from 0.17 to 0.46 of the
 * bare HTTPS baseline (root README, ingest benchmark).
 */
public record ProducerSettings(String bootstrapServers, Duration ackTimeout, String clientId, int lingerMs,
                               int maxInFlight) {
    /** Batches keep 5 ms whatever gateway.kafka.lingerMs says: the commit flushes a transaction at once anyway. */
    static final int TRANSACTIONAL_LINGER_MS = 5;
    /** A transaction's records span partitions and requests; up to five of them in flight keep its commit close. */
    static final int TRANSACTIONAL_MAX_IN_FLIGHT = 5;
    static final int TRANSACTION_TIMEOUT_MS = 60_000;

    public Properties idempotent() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Integer.toString(maxInFlight));
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout.toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout.toMillis() + lingerMs));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(ackTimeout.toMillis()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    public Properties transactional(String transactionalId) {
        Properties p = idempotent();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-" + transactionalId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Integer.toString(TRANSACTION_TIMEOUT_MS));
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(TRANSACTIONAL_LINGER_MS));
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, Integer.toString(TRANSACTIONAL_MAX_IN_FLIGHT));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout.toMillis() + TRANSACTIONAL_LINGER_MS));
        return p;
    }
}
