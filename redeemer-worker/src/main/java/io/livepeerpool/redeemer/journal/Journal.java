package io.livepeerpool.redeemer.journal;

import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The redeemer's only writer to Kafka: one transactional producer whose transactional.id is derived from the wallet
 * ({@code pool-redeemer-<wallet>}), so a second process with the same wallet fences the first (two processes can
 * never sign at the same nonce and both record it). Each write is its own transaction, committed before it returns:
 * an intent is durable (acks=all) before its transaction is broadcast; outcomes, the intent's closing and the
 * winning-tickets offsets commit atomically, so a crash neither loses nor repeats an outcome.
 */
public final class Journal implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProducer<String, byte[]> producer;
    private final RedeemerTopics topics;
    private final AvroSerializer<RedemptionIntent> intents;
    private final AvroSerializer<Redemption> outcomes;

    public Journal(String bootstrapServers, String wallet, RedeemerTopics topics, AvroSerializer<RedemptionIntent> intents,
                   AvroSerializer<Redemption> outcomes, Duration kafkaTimeout) {
        this.topics = topics;
        this.intents = intents;
        this.outcomes = outcomes;
        this.producer = new KafkaProducer<>(properties(bootstrapServers, wallet, topics, kafkaTimeout),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    public static String transactionalId(String wallet, RedeemerTopics topics) {
        return "pool-redeemer-" + wallet + "-" + topics.intents().name();
    }

    /** Writes an intent (Open, Replaced) and commits it. */
    public void recordIntent(RedemptionIntent intent) {
        producer.beginTransaction();
        try {
            sendIntent(intent);
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abortQuietly();
            throw e;
        }
    }

    /**
     * Writes outcomes, optionally an intent's closing record, and the consumer offsets, in one transaction.
     */
    public void recordOutcomes(List<Redemption> redemptions, Optional<RedemptionIntent> closing,
                               Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        producer.beginTransaction();
        try {
            for (Redemption r : redemptions) {
                producer.send(new ProducerRecord<>(topics.outcomes().name(), r.getTicketHash(),
                        outcomes.serialize(topics.outcomes().name(), r)));
            }
            closing.ifPresent(this::sendIntent);
            if (!offsets.isEmpty()) {
                producer.sendOffsetsToTransaction(offsets, group);
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abortQuietly();
            throw e;
        }
    }

    private void sendIntent(RedemptionIntent intent) {
        producer.send(new ProducerRecord<>(topics.intents().name(), intent.getWallet(),
                intents.serialize(topics.intents().name(), intent)));
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // fenced or broken: the caller replaces the journal or stops
        }
    }

    @Override
    public void close() {
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException ignored) {
            // closing anyway
        }
    }

    private static Properties properties(String bootstrapServers, String wallet, RedeemerTopics topics, Duration timeout) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "redeemer-" + wallet);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(wallet, topics));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        return p;
    }
}
