package io.livepeerpool.ledger.streams;

import io.livepeerpool.platform.files.Directories;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.streams.Outputs.AllocationLine;
import io.livepeerpool.ledger.streams.Outputs.PayoutLine;
import io.livepeerpool.ledger.streams.ReplayOracle.Expected;
import io.livepeerpool.ledger.streams.Scenarios.Round;
import io.livepeerpool.ledger.streams.Scenarios.Scenario;
import io.livepeerpool.ledger.streams.bench.CatchUp;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once on the real broker: two instances of one ledger (same application id, own state directories) over
 * topics of 3 partitions; one runs in its own JVM and is killed with SIGKILL in the middle of a round (a real crash:
 * its transaction is left open, it does not leave the group, its stores are not flushed). The survivor takes its
 * tasks over once the group notices (session timeout) and the broker aborts the dead transaction; later the killed
 * instance is restarted on its old state directory. What is read back (read_committed) must be exactly what the
 * replay computes from the same events: nothing lost, nothing counted twice.
 */
class LedgerCrashRecoveryTest {
    private static final Logger log = LoggerFactory.getLogger(LedgerCrashRecoveryTest.class);
    static final int PARTITIONS = 3;
    static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);
    /** Detect the killed instance within seconds (the broker's minimum session timeout is 6 s). */
    static final Map<String, Object> STREAMS_OVERRIDES = Map.of(
            StreamsConfig.consumerPrefix("session.timeout.ms"), 6_000,
            StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1_500,
            // the killed instance's open transaction is aborted within 10 s (the service's 60 s is for huge rounds)
            StreamsConfig.producerPrefix("transaction.timeout.ms"), 10_000);
    static final int KILL_IN_ROUND = 1;
    static final int RESTART_AFTER_ROUND = 3;

    @Test
    void aKilledInstanceLosesNothingAndCountsNothingTwice() throws Exception {
        Devstack devstack = SharedDevstack.get();
        String suffix = "crash-" + UUID.randomUUID();
        LedgerTopics topics = LedgerTopics.catalogue().withSuffix(suffix).withPartitions(PARTITIONS);
        devstack.createTopics(topics.newTopics((short) 1));
        Scenario scenario = scenario();
        Expected expected = ReplayOracle.replay(scenario.policy(), scenario.events());
        String applicationId = "ledger-crash-" + suffix;
        Path stateDirs = Files.createTempDirectory("ledger-crash-");
        LedgerConfig config = new LedgerConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                applicationId, stateDirs.resolve("survivor"), 1, scenario.policy());
        try (SchemaRegistryClient registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
             LedgerService survivor = LedgerService.create(config, topics, STREAMS_OVERRIDES, null);
             CatchUp catchUp = new CatchUp(devstack.bootstrapServers(), applicationId, List.of(topics.jobs().name(),
                     topics.chainEvents().name(), topics.epochMarkers().name(),
                     topics.barrier().name()));
             KafkaProducer<String, io.livepeerpool.schemas.avro.TranscoderJob> jobs = producer(devstack,
                     AvroSerde.forClass(io.livepeerpool.schemas.avro.TranscoderJob.class, registry));
             KafkaProducer<String, io.livepeerpool.schemas.avro.ChainEvent> chain = producer(devstack,
                     AvroSerde.forClass(io.livepeerpool.schemas.avro.ChainEvent.class, registry))) {
            survivor.start();
            ChildLedger victim = startChild(devstack, applicationId, stateDirs.resolve("victim"), suffix, scenario);
            try {
                awaitRunning(survivor);
                for (int i = 0; i < scenario.rounds().size(); i++) {
                    Round round = scenario.rounds().get(i);
                    List<TranscoderJob> roundJobs = round.jobs();
                    int half = roundJobs.size() / 2;
                    send(jobs, topics, roundJobs.subList(0, half));
                    if (i == KILL_IN_ROUND) {
                        String tasks = victim.activeTasks();
                        log.info("killing the ledger instance in process {}, running tasks {}, in round {}",
                                victim.pid(), tasks, i);
                        victim.kill();
                        assertThat(tasks).as("the killed instance was running tasks").isNotEqualTo("[]");
                    }
                    send(jobs, topics, roundJobs.subList(half, roundJobs.size()));
                    catchUp.await(CATCH_UP_TIMEOUT, survivor::healthy);
                    sendChain(chain, topics, round.chain());
                    catchUp.await(CATCH_UP_TIMEOUT, survivor::healthy);
                    if (i == RESTART_AFTER_ROUND) {
                        log.info("restarting the killed instance on its state directory");
                        victim = startChild(devstack, applicationId, stateDirs.resolve("victim"), suffix, scenario);
                    }
                }
                try (OutputReader outputs = new OutputReader(devstack, registry, topics)) {
                    outputs.readUntil(expected.settlements().size(), expected.allocations().size(),
                            expected.payouts().size(), Duration.ofSeconds(60));
                    assertThat(outputs.settlements).isEqualTo(expected.settlements());
                    List<PayoutLine> payouts = new ArrayList<>(outputs.payouts);
                    payouts.sort(Comparator.comparingLong(PayoutLine::round).thenComparing(PayoutLine::transcoder));
                    assertThat(payouts).isEqualTo(expected.payouts());
                    List<AllocationLine> allocations = new ArrayList<>(outputs.allocations);
                    allocations.sort(AllocationLine.ORDER);
                    assertThat(allocations).isEqualTo(expected.allocations());
                }
                assertThat(survivor.healthy()).isTrue();
            } finally {
                victim.kill();
            }
        } finally {
            Directories.deleteQuietly(stateDirs);
        }
    }

    /** A history with enough rounds, payouts and carried amounts to be worth the time. */
    private static Scenario scenario() {
        for (long seed = 1; ; seed++) {
            Scenario s = Scenarios.random(seed, 6, 120, 10, true);
            Expected e = ReplayOracle.replay(s.policy(), s.events());
            boolean payouts = !e.payouts().isEmpty();
            if (s.rounds().size() >= 5 && payouts && s.rounds().get(KILL_IN_ROUND).jobs().size() >= 40) {
                log.info("scenario seed {}: {} rounds, {} events, {} settlements, {} payouts", seed,
                        s.rounds().size(), s.events().size(), e.settlements().size(), e.payouts().size());
                return s;
            }
        }
    }

    private static ChildLedger startChild(Devstack devstack, String applicationId, Path stateDir, String suffix,
                                          Scenario scenario) throws Exception {
        return ChildLedger.start(devstack.bootstrapServers(), devstack.schemaRegistryUrl(), applicationId, stateDir,
                suffix, PARTITIONS, scenario.policy());
    }

    private static void awaitRunning(LedgerService ledger) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (ledger.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ledger.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private static <V extends SpecificRecord> KafkaProducer<String, V> producer(Devstack devstack,
                                                                             AvroSerde<V> values) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), values.serializer());
    }

    private static void send(KafkaProducer<String, io.livepeerpool.schemas.avro.TranscoderJob> producer,
                             LedgerTopics topics, List<TranscoderJob> jobs) {
        for (TranscoderJob job : jobs) {
            producer.send(new ProducerRecord<>(topics.jobs().name(), job.dedupeKey(), AvroEvents.job(job)));
        }
        producer.flush();
    }

    private static void sendChain(KafkaProducer<String, io.livepeerpool.schemas.avro.ChainEvent> producer,
                                  LedgerTopics topics, List<LedgerEvent> events) {
        long updates = 0;
        for (LedgerEvent event : events) {
            var value = switch (event) {
                case TicketTransfer t -> AvroEvents.transfer(t);
                case NewRound r -> AvroEvents.newRound(r);
                case io.livepeerpool.ledger.event.TranscoderUpdate u -> AvroEvents.transcoderUpdate(u, ++updates);
                default -> throw new IllegalArgumentException("not a chain event: " + event);
            };
            producer.send(new ProducerRecord<>(topics.chainEvents().name(), AvroEvents.chainKey(event), value));
        }
        producer.flush();
    }
}
