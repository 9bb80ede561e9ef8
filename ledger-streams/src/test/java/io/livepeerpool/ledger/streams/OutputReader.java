package io.livepeerpool.ledger.streams;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads the ledger's output topics from the beginning, read_committed, as a downstream service would. */
final class OutputReader implements AutoCloseable {
    /** After the expected counts are reached, keep reading this long: a duplicate would show up. */
    static final Duration SETTLE_TIME = Duration.ofSeconds(3);

    final List<Outputs.SettlementLine> settlements = new ArrayList<>();
    final List<Outputs.AllocationLine> allocations = new ArrayList<>();
    final List<Outputs.PayoutLine> payouts = new ArrayList<>();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final LedgerTopics topics;
    private final Deserializer<Settlement> settlementValues;
    private final Deserializer<Allocation> allocationValues;
    private final Deserializer<PayoutRequest> payoutValues;

    OutputReader(Devstack devstack, SchemaRegistryClient registry, LedgerTopics topics) {
        this.topics = topics;
        this.settlementValues = AvroSerde.forClass(Settlement.class, registry).deserializer();
        this.allocationValues = AvroSerde.forClass(Allocation.class, registry).deserializer();
        this.payoutValues = AvroSerde.forClass(PayoutRequest.class, registry).deserializer();
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                devstack.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "ledger-test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics.settlements().name(), topics.allocations().name(),
                topics.payoutRequests().name()));
    }

    void readUntil(int settlementCount, int allocationCount, int payoutCount, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && (settlements.size() < settlementCount
                || allocations.size() < allocationCount || payouts.size() < payoutCount)) {
            poll();
        }
        long settled = System.nanoTime() + SETTLE_TIME.toNanos();
        while (System.nanoTime() < settled) {
            poll();
        }
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.topic().equals(topics.settlements().name())) {
                settlements.add(Outputs.SettlementLine.of(value(settlementValues, record)));
            } else if (record.topic().equals(topics.allocations().name())) {
                allocations.add(Outputs.AllocationLine.of(value(allocationValues, record)));
            } else {
                payouts.add(Outputs.PayoutLine.of(value(payoutValues, record)));
            }
        }
    }

    private static <T extends SpecificRecord> T value(Deserializer<T> values, ConsumerRecord<byte[], byte[]> record) {
        return values.deserialize(record.topic(), record.value());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
