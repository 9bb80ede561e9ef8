package io.livepeerpool.payout.fees;

import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.serde.AvroDeserializer;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@link PayoutsDue} kept current from {@code pool.payout-requests} and {@code pool.payouts}, read from offset 0
 * (read_committed, no consumer group: every withdrawer needs all of both topics). One record per payout each, so
 * small enough to hold.
 */
public final class PayoutBook implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final FeeTopics topics;
    private final AvroDeserializer<PayoutRequest> requests;
    private final AvroDeserializer<Payout> outcomes;
    private final PayoutsDue due = new PayoutsDue();

    public PayoutBook(String bootstrapServers, FeeTopics topics, AvroDeserializer<PayoutRequest> requests,
                      AvroDeserializer<Payout> outcomes) {
        this.topics = topics;
        this.requests = requests;
        this.outcomes = outcomes;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "fee-withdrawer-payout-book");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : List.of(topics.requests().name(), topics.outcomes().name())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            infos.forEach(i -> all.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    /** Reads both topics up to their ends as of now, so every request and outcome committed before the call counts. */
    public PayoutsDue catchUp(Duration timeout) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), timeout) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("payout topics not read to their end within " + timeout);
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                apply(r);
            }
        }
        return due;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.topic().equals(topics.requests().name())) {
            PayoutRequest request = requests.deserialize(r.topic(), r.value());
            due.onRequest(request.getPayoutId(), amount(request.getAmount()));
        } else {
            due.onOutcome(outcomes.deserialize(r.topic(), r.value()).getPayoutId());
        }
    }

    private static BigInteger amount(java.math.BigDecimal wei) {
        return wei.toBigIntegerExact();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
