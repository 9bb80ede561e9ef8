package io.livepeerpool.payout.fees;

import io.livepeerpool.schemas.avro.FeeWithdrawal;
import io.livepeerpool.schemas.avro.FeeWithdrawalState;
import io.livepeerpool.schemas.serde.AvroDeserializer;
import io.livepeerpool.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The fee withdrawer's write-ahead log on {@code pool.fee-withdrawals}. One transactional producer whose
 * transactional.id is derived from the orchestrator, so a second withdrawer for the same orchestrator fences the
 * first: two processes can never both sign a withdrawal and record it. Each record is committed before
 * {@link #record} returns, so an intent is durable before its transaction is broadcast. At construction the topic is
 * read back (read_committed) to find this orchestrator's latest withdrawals.
 */
public final class WithdrawalJournal implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AvroSerializer<FeeWithdrawal> serializer;
    private final String orchestrator;
    private final Map<String, FeeWithdrawal> latest = new LinkedHashMap<>();

    public WithdrawalJournal(String bootstrapServers, String topic, String orchestrator, AvroSerializer<FeeWithdrawal> serializer,
                             AvroDeserializer<FeeWithdrawal> deserializer, Duration kafkaTimeout) {
        this.topic = topic;
        this.serializer = serializer;
        this.orchestrator = orchestrator;
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers, orchestrator, topic, kafkaTimeout),
                new StringSerializer(), new ByteArraySerializer());
        try {
            // After initTransactions an earlier instance's unfinished transaction is aborted: what is read next is final.
            producer.initTransactions();
            readBack(bootstrapServers, deserializer, kafkaTimeout);
        } catch (RuntimeException e) {
            producer.close(CLOSE_TIMEOUT);
            throw e;
        }
    }

    static String transactionalId(String orchestrator, String topic) {
        return "pool-fee-withdrawer-" + orchestrator + "-" + topic;
    }

    /** This orchestrator's withdrawal whose latest record is an Intent (at most one: nothing is signed while one is open). */
    public Optional<FeeWithdrawal> open() {
        return latest.values().stream().filter(w -> w.getState() == FeeWithdrawalState.Intent).findFirst();
    }

    /** Every withdrawal of this orchestrator in its latest state, oldest first. */
    public List<FeeWithdrawal> withdrawals() {
        return List.copyOf(latest.values());
    }

    /** Writes one record and commits it (acks=all) before returning. */
    public void record(FeeWithdrawal withdrawal) {
        producer.beginTransaction();
        try {
            producer.send(new ProducerRecord<>(topic, withdrawal.getOrchestrator(), serializer.serialize(topic, withdrawal)));
            producer.commitTransaction();
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException ignored) {
                // fenced or broken: the service stops and a restart recovers from the topic
            }
            throw e;
        }
        latest.put(withdrawal.getWithdrawalId(), withdrawal);
    }

    private void readBack(String bootstrapServers, AvroDeserializer<FeeWithdrawal> deserializer, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), timeout) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(topic + " not read to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    FeeWithdrawal w = deserializer.deserialize(topic, r.value());
                    if (w.getOrchestrator().equals(orchestrator)) {
                        latest.put(w.getWithdrawalId(), w);
                    }
                }
            }
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

    private static Properties producerProperties(String bootstrapServers, String orchestrator, String topic, Duration timeout) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "fee-withdrawer-" + orchestrator);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(orchestrator, topic));
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
