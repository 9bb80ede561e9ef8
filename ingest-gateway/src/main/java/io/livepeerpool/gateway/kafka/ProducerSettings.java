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
 */
public record ProducerSettings(String bootstrapServers, Duration ackTimeout, String clientId, int lingerMs) {
    /** Batches keep 5 ms whatever gateway.kafka.lingerMs says: the commit flushes a transaction at once anyway. */
    static final int TRANSACTIONAL_LINGER_MS = 5;
    static final int TRANSACTION_TIMEOUT_MS = 60_000;

    public Properties idempotent() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
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
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ackTimeout.toMillis() + TRANSACTIONAL_LINGER_MS));
        return p;
    }
}
