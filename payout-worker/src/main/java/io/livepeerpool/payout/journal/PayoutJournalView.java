package io.livepeerpool.payout.journal;

import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutIntent;
import io.livepeerpool.schemas.avro.PayoutIntentState;
import io.livepeerpool.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What every payout worker has recorded, read back (read_committed) from the intents and outcomes topics: the latest
 * state of each intent, which payout ids an open intent carries and which have an outcome. Used at start (this
 * wallet's open intents to reconcile) and to never queue a payout that is paid, refused, reverted or in flight.
 * Both topics are small: one record per transaction and one per payout.
 */
public final class PayoutJournalView implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final PayoutTopics topics;
    private final AvroDeserializer<PayoutIntent> intents;
    private final AvroDeserializer<Payout> outcomes;
    private final Map<String, PayoutIntent> latestIntent = new HashMap<>();
    private final Map<String, String> openPayoutToIntent = new HashMap<>();
    private final Set<String> withOutcome = new HashSet<>();

    public PayoutJournalView(String bootstrapServers, PayoutTopics topics, AvroDeserializer<PayoutIntent> intents,
                             AvroDeserializer<Payout> outcomes) {
        this.topics = topics;
        this.intents = intents;
        this.outcomes = outcomes;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : List.of(topics.intents().name(), topics.outcomes().name())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                consumer.close();
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            infos.forEach(i -> all.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(all);
        consumer.seekToBeginning(all);
    }

    /** Reads until every partition's end as of now (what was committed before this call is then known). */
    public void catchUp(Duration timeout) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), timeout) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("payout journal not read to its end within " + timeout);
            }
            apply(consumer.poll(Duration.ofMillis(100)));
        }
    }

    /** Reads whatever is there now without waiting. */
    public void poll() {
        apply(consumer.poll(Duration.ZERO));
    }

    private void apply(Iterable<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.topic().equals(topics.intents().name())) {
                noteIntent(intents.deserialize(r.topic(), r.value()));
            } else {
                withOutcome.add(outcomes.deserialize(r.topic(), r.value()).getPayoutId());
            }
        }
    }

    /** An intent this instance just committed (or read back). */
    public void noteIntent(PayoutIntent intent) {
        latestIntent.put(intent.getIntentId(), intent);
        intent.getPayouts().forEach(p -> {
            if (intent.getState() == PayoutIntentState.Closed) {
                openPayoutToIntent.remove(p.getPayoutId(), intent.getIntentId());
            } else {
                openPayoutToIntent.put(p.getPayoutId(), intent.getIntentId());
            }
        });
    }

    /** An outcome this instance just committed, known before it is read back. */
    public void noteOutcome(String payoutId) {
        withOutcome.add(payoutId);
    }

    public boolean hasOutcome(String payoutId) {
        return withOutcome.contains(payoutId);
    }

    /** The open (not Closed) intent carrying this payout, if any. */
    public Optional<PayoutIntent> openIntentOf(String payoutId) {
        return Optional.ofNullable(openPayoutToIntent.get(payoutId)).map(latestIntent::get);
    }

    /** The latest state of every intent of {@code wallet} that is not Closed, by nonce. */
    public List<PayoutIntent> openIntents(String wallet) {
        return latestIntent.values().stream()
                .filter(i -> i.getWallet().equals(wallet) && i.getState() != PayoutIntentState.Closed)
                .sorted(Comparator.comparingLong(PayoutIntent::getNonce))
                .toList();
    }

    /** The highest nonce this wallet ever recorded, or -1. */
    public long highestNonce(String wallet) {
        return latestIntent.values().stream().filter(i -> i.getWallet().equals(wallet))
                .mapToLong(PayoutIntent::getNonce).max().orElse(-1);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
