package io.livepeerpool.payout.journal;

import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutIntent;
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
 * The payout worker's only writer to Kafka: one transactional producer whose transactional.id is derived from the
 * payout wallet ({@code pool-payouts-<wallet>-<intents topic>}), so a second process with the same wallet fences the
 * first and two processes can never both record a transaction at one nonce. Each write is its own transaction,
 * committed before it returns: an intent is durable (acks=all) before its transaction is broadcast; outcomes, the
 * intent's closing and the payout-requests offsets commit atomically, so a crash neither loses nor repeats an outcome.
 */
public final class PayoutJournal implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProducer<String, byte[]> producer;
    private final PayoutTopics topics;
    private final AvroSerializer<PayoutIntent> intents;
    private final AvroSerializer<Payout> outcomes;

    public PayoutJournal(String bootstrapServers, String wallet, PayoutTopics topics, AvroSerializer<PayoutIntent> intents,
                         AvroSerializer<Payout> outcomes, Duration kafkaTimeout) {
        this.topics = topics;
        this.intents = intents;
        this.outcomes = outcomes;
        this.producer = new KafkaProducer<>(properties(bootstrapServers, wallet, topics, kafkaTimeout),
                new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    public static String transactionalId(String wallet, PayoutTopics topics) {
        return "pool-payouts-" + wallet + "-" + topics.intents().name();
    }

    /** Writes an intent (Open, Replaced) and commits it. */
    public void recordIntent(PayoutIntent intent) {
        producer.beginTransaction();
        try {
            sendIntent(intent);
            producer.commitTransaction();
        } catch (RuntimeException e) {
            abortQuietly();
            throw e;
        }
    }

    /** Writes outcomes (keyed by transcoder), the intent's closing record and the consumer offsets, in one transaction. */
    public void recordOutcomes(List<Payout> payouts, Optional<PayoutIntent> closing,
                               Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        producer.beginTransaction();
        try {
            for (Payout p : payouts) {
                producer.send(new ProducerRecord<>(topics.outcomes().name(), p.getTranscoder(),
                        outcomes.serialize(topics.outcomes().name(), p)));
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

    private void sendIntent(PayoutIntent intent) {
        producer.send(new ProducerRecord<>(topics.intents().name(), intent.getWallet(),
                intents.serialize(topics.intents().name(), intent)));
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException ignored) {
            // fenced or broken: the service stops and a restart recovers from the journal
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

    private static Properties properties(String bootstrapServers, String wallet, PayoutTopics topics, Duration timeout) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "payouts-" + wallet);
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
