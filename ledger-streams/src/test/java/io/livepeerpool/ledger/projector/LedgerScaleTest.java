package io.livepeerpool.ledger.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.streams.LedgerConfig;
import io.livepeerpool.ledger.streams.LedgerService;
import io.livepeerpool.ledger.streams.LedgerTopics;
import io.livepeerpool.ledger.streams.records.LedgerRecords;
import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.ledger.streams.jobs.JobsPartitionProcessor;
import io.livepeerpool.schemas.avro.EpochSubtotals;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import io.livepeerpool.schemas.avro.RevenueClosed;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderWeight;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A settlement over 100,000 transcoders by the ledger on the real broker (synthetic weights fed to its barrier, as the
 * jobs partitions would send them): every record stays below the topics' 1 MB limit (the Settlement carries its
 * count, not its lines), and the projector lands the settlement and every allocation. No payouts (a threshold above
 * any share), to keep it light.
 */
class LedgerScaleTest {
    static final int TRANSCODERS = 100_000;
    static final Duration AWAIT = Duration.ofMinutes(6);
    
    @Test
    void aSettlementOverOneHundredThousandTranscodersSettlesAndIsProjected() throws Exception {
        try (ProjectorTestKit kit = new ProjectorTestKit()) {
            LedgerTopics topics = new LedgerTopics(kit.jobs, renamed(Topics.CHAIN_EVENTS, kit.id),
                    renamed(Topics.LEDGER_EPOCH_MARKERS, kit.id),
                    renamed(Topics.LEDGER_EPOCH_BOUNDARIES, kit.id), renamed(Topics.LEDGER_BARRIER, kit.id),
                    kit.settlements, kit.allocations, kit.payouts, kit.payoutOutcomes, kit.payoutSettings,
                    kit.accountChanges, kit.refusals).withJobPartitions(ProjectorTestKit.JOB_PARTITIONS);
            kit.devstack.createTopics(List.of(topics.chainEvents().newTopic(0, (short) 1),
                    topics.epochMarkers().newTopic(0, (short) 1), topics.epochBoundaries().newTopic(0, (short) 1),
                    topics.barrier().newTopic(0, (short) 1)));
            Path state = Files.createTempDirectory("ledger-scale-");
            String app = "ledger-scale-" + kit.id;
            LedgerPolicy policy = LedgerPolicy.fromSettings(Map.of("ledger.payoutThresholdWei", "1" + "0".repeat(30),
                    "ledger.orchestrators", "0x6000000000000000000000000000000000000006"));
            try (LedgerService ledger = LedgerService.create(new LedgerConfig(kit.devstack.bootstrapServers(),
                    kit.devstack.schemaRegistryUrl(), app, state, 1, policy), topics, Map.of(), null)) {
                ledger.start();
                writeSyntheticEpoch(kit, topics);

                Settlement settlement = awaitSettlement(kit, topics.settlements());
                assertThat(settlement.getRound()).isEqualTo(7);
                assertThat(settlement.getAllocationCount()).isEqualTo(TRANSCODERS);
                assertThat(settlement.getAllocations()).as("more lines than %d: none inline",
                        LedgerRecords.INLINE_LINES_MAX).isEmpty();
                assertThat(ledger.healthy()).isTrue();

                kit.startProjector(kit.config(), BatchHook.NONE);
                long deadline = System.nanoTime() + AWAIT.toNanos();
                while (kit.count("SELECT count(*) FROM allocations WHERE round = 7") < TRANSCODERS) {
                    assertThat(System.nanoTime()).as("allocations projected within %s", AWAIT).isLessThan(deadline);
                    Thread.sleep(500);
                }
                try (Connection c = kit.connect(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT allocation_count, distributed FROM settlements "
                             + "WHERE round = 7")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(TRANSCODERS);
                    assertThat(rs.getBigDecimal(2).toBigInteger()).isEqualTo(sum(kit));
                }
                assertThat(kit.count("SELECT count(*) FROM transcoder_balances")).isEqualTo(TRANSCODERS);
            } finally {
                Directories.deleteQuietly(state);
            }
        }
    }

    private static java.math.BigInteger sum(ProjectorTestKit kit) throws Exception {
        try (Connection c = kit.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(amount) FROM allocations WHERE round = 7")) {
            rs.next();
            return rs.getBigDecimal(1).toBigInteger();
        }
    }

    /**
     * Epoch 1 as the jobs partitions and the chain processor hand it to the barrier: each jobs partition's subtotals
     * (a third of the transcoders each, in chunks of 2,000 as {@code JobsPartitionProcessor} sends them) and the revenue
     * closed at NewRound 7. Synthetic weights, so that the test spends its time on the settlement, not on jobs.
     */
    private static void writeSyntheticEpoch(ProjectorTestKit kit, LedgerTopics topics) throws Exception {
        int partitions = topics.jobs().partitions();
        try (KafkaProducer<String, LedgerBarrierEvent> barrier = producer(kit, AvroSerde.forTopic(topics.barrier(),
                kit.registry))) {
            for (int p = 0; p < partitions; p++) {
                List<TranscoderWeight> lines = new ArrayList<>();
                for (int i = p; i < TRANSCODERS; i += partitions) {
                    lines.add(new TranscoderWeight(String.format("0x%040x", 0x10_0000 + i),
                            new BigDecimal(1_000 + i % 1_000)));
                }
                lines.sort(java.util.Comparator.comparing(TranscoderWeight::getTranscoder));
                int chunkCount = (lines.size() + JobsPartitionProcessor.CHUNK_LINES_MAX - 1)
                        / JobsPartitionProcessor.CHUNK_LINES_MAX;
                for (int c = 0; c < chunkCount; c++) {
                    List<TranscoderWeight> chunk = lines.subList(c * JobsPartitionProcessor.CHUNK_LINES_MAX,
                            Math.min(lines.size(), (c + 1) * JobsPartitionProcessor.CHUNK_LINES_MAX));
                    barrier.send(new ProducerRecord<>(topics.barrier().name(), "pool", new LedgerBarrierEvent(
                            new EpochSubtotals(1L, 7L, p, partitions, c, chunkCount, new ArrayList<>(chunk)))));
                }
            }
            barrier.send(new ProducerRecord<>(topics.barrier().name(), "pool", new LedgerBarrierEvent(
                    new RevenueClosed(1L, 7L, new BigDecimal("1000000000000000000000"))))).get();
        }
    }

    private static Settlement awaitSettlement(ProjectorTestKit kit, TopicSpec<Settlement> topic) throws Exception {
        try (KafkaConsumer<String, Settlement> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kit.devstack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                AvroSerde.forTopic(topic, kit.registry).deserializer())) {
            TopicPartition partition = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + AWAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Settlement> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
            throw new AssertionError("no settlement within " + AWAIT);
        }
    }

    private static <V> TopicSpec<V> renamed(TopicSpec<V> spec, String id) {
        return new TopicSpec<>("test-" + id + "." + spec.name(), spec.keyDescription(), spec.valueType(),
                spec.valueSchema(), spec.partitions(), spec.cleanup(), spec.retentionMs(), spec.writer());
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, V> producer(
            ProjectorTestKit kit, AvroSerde<V> values) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kit.devstack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), values.serializer());
    }
}
