package io.livepeerpool.redeemer.journal;

import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.RedemptionIntentState;
import io.livepeerpool.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
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
 * What every redeemer has recorded, read back (read_committed) from the intents and outcomes topics: the latest
 * state of each intent and the hashes of tickets that have an outcome. Used at start (this wallet's open intents to
 * reconcile), to skip tickets that already have an outcome, and to hold tickets that another wallet's open intent
 * carries (after a rebalance). Both topics are small: one record per transaction and one per winning ticket.
 */
public final class JournalView implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final RedeemerTopics topics;
    private final AvroDeserializer<RedemptionIntent> intents;
    private final AvroDeserializer<Redemption> outcomes;
    private final Map<String, RedemptionIntent> latestIntent = new HashMap<>();
    private final Map<String, String> openTicketToIntent = new HashMap<>();
    private final Set<String> withOutcome = new HashSet<>();

    public JournalView(String bootstrapServers, RedeemerTopics topics, AvroDeserializer<RedemptionIntent> intents,
                       AvroDeserializer<Redemption> outcomes) {
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
                throw new IllegalStateException("journal not read to its end within " + timeout);
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
                onIntent(intents.deserialize(r.topic(), r.value()));
            } else {
                Redemption outcome = outcomes.deserialize(r.topic(), r.value());
                withOutcome.add(outcome.getTicketHash());
            }
        }
    }

    private void onIntent(RedemptionIntent intent) {
        latestIntent.put(intent.getIntentId(), intent);
        intent.getTickets().forEach(t -> {
            if (intent.getState() == RedemptionIntentState.Closed) {
                openTicketToIntent.remove(t.getTicketHash(), intent.getIntentId());
            } else {
                openTicketToIntent.put(t.getTicketHash(), intent.getIntentId());
            }
        });
    }

    /** What this instance just committed, known before it is read back. */
    public void noteOutcome(String ticketHash) {
        withOutcome.add(ticketHash);
    }

    public void noteIntent(RedemptionIntent intent) {
        onIntent(intent);
    }

    public boolean hasOutcome(String ticketHash) {
        return withOutcome.contains(ticketHash);
    }

    /** The open (not Closed) intent carrying this ticket, if any. */
    public Optional<RedemptionIntent> openIntentOf(String ticketHash) {
        return Optional.ofNullable(openTicketToIntent.get(ticketHash)).map(latestIntent::get);
    }

    /** The latest state of every intent of {@code wallet} that is not Closed, by nonce. */
    public List<RedemptionIntent> openIntents(String wallet) {
        return latestIntent.values().stream()
                .filter(i -> i.getWallet().equals(wallet) && i.getState() != RedemptionIntentState.Closed)
                .sorted((a, b) -> Long.compare(a.getNonce(), b.getNonce()))
                .toList();
    }

    /** The highest nonce this wallet ever recorded, or -1. */
    public long highestNonce(String wallet) {
        return latestIntent.values().stream().filter(i -> i.getWallet().equals(wallet))
                .mapToLong(RedemptionIntent::getNonce).max().orElse(-1);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
