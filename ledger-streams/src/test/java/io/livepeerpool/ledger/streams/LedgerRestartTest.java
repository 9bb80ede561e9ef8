package io.livepeerpool.ledger.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.streams.Outputs.AllocationLine;
import io.livepeerpool.ledger.streams.ReplayOracle.Expected;
import io.livepeerpool.ledger.streams.bench.CatchUp;
import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The open epoch's subtotals across restarts on the real broker. A jobs partition keeps them in memory and rebuilds
 * them from its counted-jobs store when its task starts, so the ledger is stopped twice in the middle of an epoch,
 * with counted jobs in it: once restarting on its own state directory, once on an empty one (every store restored
 * from its changelog). The settlement of that epoch must still be what the replay computes from the same events:
 * nothing counted before a restart is lost, and nothing is counted twice.
 */
class LedgerRestartTest {
    static final String O = "0x1111111111111111111111111111111111111111";
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void theOpenEpochSurvivesARestartOnItsStateAndOnAnEmptyStateDirectory() throws Exception {
        Devstack devstack = SharedDevstack.get();
        String suffix = "restart-" + UUID.randomUUID();
        LedgerTopics topics = LedgerTopics.catalogue().withSuffix(suffix).withPartitions(3);
        devstack.createTopics(topics.newTopics((short) 1));
        LedgerPolicy policy = LedgerPolicy.fromSettings(Map.of("ledger.orchestrators", O, "ledger.poolFeePpm", "0",
                "ledger.weight.durationMs", "0", "ledger.weight.profiles", "0"));
        List<List<LedgerEvent>> phases = List.of(jobs(0, 40), jobs(40, 70),
                concat(jobs(70, 90), List.of(new TicketTransfer("0x" + "cd".repeat(32), 1, O, O,
                        BigInteger.valueOf(1_000_003), BigInteger.ZERO), new NewRound(1001))),
                concat(jobs(90, 100), List.of(new TicketTransfer("0x" + "cd".repeat(32), 2, O, O,
                        BigInteger.valueOf(777), BigInteger.ZERO), new NewRound(1002))));
        List<LedgerEvent> all = phases.stream().flatMap(List::stream).toList();
        Expected expected = ReplayOracle.replay(policy, all);
        assertThat(expected.allocations()).hasSizeGreaterThan(5);

        String applicationId = "ledger-restart-" + suffix;
        Path stateDirs = Files.createTempDirectory("ledger-restart-");
        List<Path> runs = List.of(stateDirs.resolve("a"), stateDirs.resolve("a"), stateDirs.resolve("b"),
                stateDirs.resolve("b"));
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                     new StringSerializer(), new ByteArraySerializer())) {
            LedgerPayoutsBrokerTest.Sender send = new LedgerPayoutsBrokerTest.Sender(producer, registry, topics);
            for (int i = 0; i < phases.size(); i++) {
                // phases 0 and 1 end in the middle of the first epoch; phase 1 runs on phase 0's state directory,
                // phase 2 on an empty one
                LedgerConfig config = new LedgerConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                        applicationId, runs.get(i), 1, policy);
                try (LedgerService ledger = LedgerService.create(config, topics, Map.of(), null);
                     CatchUp catchUp = new CatchUp(devstack.bootstrapServers(), applicationId, List.of(
                             topics.jobs().name(), topics.chainEvents().name(), topics.epochMarkers().name(),
                             topics.barrier().name()))) {
                    ledger.start();
                    long deadline = System.nanoTime() + TIMEOUT.toNanos();
                    while (ledger.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    phases.get(i).stream().filter(e -> !(e instanceof NewRound)).forEach(send::send);
                    producer.flush();
                    catchUp.await(TIMEOUT, ledger::healthy);
                    phases.get(i).stream().filter(NewRound.class::isInstance).forEach(send::send);
                    producer.flush();
                    catchUp.await(TIMEOUT, ledger::healthy);
                    assertThat(ledger.healthy()).isTrue();
                }
            }
            try (OutputReader outputs = new OutputReader(devstack, registry, topics)) {
                outputs.readUntil(expected.settlements().size(), expected.allocations().size(),
                        expected.payouts().size(), Duration.ofSeconds(60));
                assertThat(outputs.settlements).isEqualTo(expected.settlements());
                List<AllocationLine> allocations = new ArrayList<>(outputs.allocations);
                allocations.sort(AllocationLine.ORDER);
                assertThat(allocations).isEqualTo(expected.allocations());
            }
        } finally {
            Directories.deleteQuietly(stateDirs);
        }
    }

    /** Jobs {@code from} to {@code to - 1}: seven transcoders, weights 1 to 5, spread over every partition. */
    private static List<LedgerEvent> jobs(int from, int to) {
        List<LedgerEvent> jobs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String transcoder = String.format("0xa0000000000000000000000000000000000000%02x", i % 7);
            jobs.add(new TranscoderJob(O, "j" + i, transcoder, 1 + i % 5, 1, 0, 1001));
        }
        return jobs;
    }

    private static List<LedgerEvent> concat(List<LedgerEvent> a, List<LedgerEvent> b) {
        List<LedgerEvent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
