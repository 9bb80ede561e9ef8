package io.livepeerpool.ledger.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.ledger.audit.LedgerAudit;
import io.livepeerpool.ledger.audit.PartitionCursor;
import io.livepeerpool.ledger.audit.TopicReader;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit against a ledger on the real broker: jobs are written while NewRounds close epochs (no waiting for the
 * ledger to catch up, so jobs race the markers and land wherever the ledger's tasks happened to read them), with
 * re-posts naming other transcoders, a re-delivered NewRound and ticket transfers. The audit must find every
 * settlement, allocation and payout request equal to the replay of the export; then one forged allocation (a copy of
 * the allocations topic with one amount changed, and a second record appended to the real topic) must be named.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerAuditTest {
    private static final Logger log = LoggerFactory.getLogger(LedgerAuditTest.class);
    static final int PARTITIONS = 3;
    static final int ROUNDS = 5;
    static final String MEMBER = String.format("0x%040x", 0xa000);
    /** The round of the last NewRound written: jobs report it as their roundJob (some report an old one: late). */
    static final java.util.concurrent.atomic.AtomicLong latestRound = new java.util.concurrent.atomic.AtomicLong(100);
    static final String SENDER = "0x5000000000000000000000000000000000000005";
    static final String RECIPIENT = "0x6000000000000000000000000000000000000006";
    static final LedgerPolicy POLICY = LedgerPolicy.fromSettings(Map.of("ledger.payoutThresholdWei",
            "20000000000000000", "ledger.orchestrators", RECIPIENT));

    static Devstack devstack;
    static LedgerTopics topics;
    static SchemaRegistryClient registry;
    static Path workDir;

    @BeforeAll
    static void runALedgerWhileJobsRaceTheRounds() throws Exception {
        devstack = SharedDevstack.get();
        String suffix = "audit-" + UUID.randomUUID();
        topics = LedgerTopics.catalogue().withSuffix(suffix).withPartitions(PARTITIONS);
        devstack.createTopics(topics.newTopics((short) 1));
        registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        workDir = Files.createTempDirectory("ledger-audit-");
        LedgerConfig config = new LedgerConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(),
                "ledger-audit-" + suffix, workDir.resolve("state"), 1, POLICY);
        try (LedgerService ledger = LedgerService.create(config, topics, Map.of(), null);
             KafkaProducer<String, io.livepeerpool.schemas.avro.TranscoderJob> jobs = producer(
                     AvroSerde.forClass(io.livepeerpool.schemas.avro.TranscoderJob.class, registry));
             KafkaProducer<String, ChainEvent> chain = producer(AvroSerde.forClass(ChainEvent.class, registry));
             KafkaProducer<String, io.livepeerpool.schemas.avro.PayoutSettings> settings = producer(
                     AvroSerde.forClass(io.livepeerpool.schemas.avro.PayoutSettings.class, registry));
             KafkaProducer<String, io.livepeerpool.schemas.avro.Payout> outcomes = producer(
                     AvroSerde.forClass(io.livepeerpool.schemas.avro.Payout.class, registry))) {
            ledger.start();
            awaitRunning(ledger);
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread writer = Thread.ofPlatform().name("audit-jobs").start(() -> writeJobs(jobs, writing));
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    Thread.sleep(1_500);
                    if (round == 2) { // a member raises its threshold (10 ETH) while jobs and rounds race
                        settings.send(new ProducerRecord<>(topics.payoutSettings().name(), MEMBER,
                                AvroEvents.settings(new PayoutSettingsChange(MEMBER, MEMBER,
                                        BigInteger.TEN.pow(19), 1))));
                        settings.flush();
                    }
                    if (round == 4) { // the first payout request is refused by its payee: credited back
                        List<io.livepeerpool.schemas.avro.PayoutRequest> requests = readAll(topics.payoutRequests());
                        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                        while (requests.isEmpty() && System.nanoTime() < deadline) {
                            Thread.sleep(500);
                            requests = readAll(topics.payoutRequests());
                        }
                        assertThat(requests).as("payout requests by round 4").isNotEmpty();
                        var first = requests.getFirst();
                        outcomes.send(new ProducerRecord<>(topics.payouts().name(), first.getTranscoder(),
                                AvroEvents.payout(new PayoutOutcome(first.getPayoutId(), first.getTranscoder(),
                                        PayoutOutcome.Status.Refused, first.getAmount().toBigInteger(),
                                        BigInteger.ZERO, BigInteger.ZERO, false))));
                        outcomes.flush();
                    }
                    TicketTransfer transfer = new TicketTransfer(AvroEvents.hash(round), 0, SENDER, RECIPIENT,
                            BigInteger.TEN.pow(18).add(BigInteger.valueOf(round)), BigInteger.ZERO);
                    chain.send(new ProducerRecord<>(topics.chainEvents().name(), SENDER,
                            AvroEvents.transfer(transfer)));
                    chain.send(new ProducerRecord<>(topics.chainEvents().name(), Long.toString(round),
                            AvroEvents.newRound(new NewRound(100 + round))));
                    latestRound.set(100 + round);
                    if (round == 3) { // re-delivered: changes nothing, in the ledger as in the replay
                        chain.send(new ProducerRecord<>(topics.chainEvents().name(), "again",
                                AvroEvents.newRound(new NewRound(100 + round - 1))));
                    }
                    chain.flush();
                }
            } finally {
                writing.set(false);
                writer.join();
            }
            awaitSettlements(ROUNDS, ledger);
        }
    }

    @AfterAll
    static void cleanUp() {
        if (registry != null) {
            registry.close();
        }
        Directories.deleteQuietly(workDir);
    }

    @Test
    @Order(1)
    void everySettlementAllocationAndPayoutRequestIsTheReplays() throws Exception {
        LedgerAudit.Result result = audit(topics);
        log.info("{}", result.line());
        assertThat(result.difference()).isEmpty();
        assertThat(result.settlements()).isEqualTo(ROUNDS);
        assertThat(result.allocations()).isGreaterThanOrEqualTo(40);
        assertThat(result.payoutRequests()).isPositive();
        assertThat(result.line()).isEqualTo("audit: " + ROUNDS + " settlements, " + result.allocations()
                + " allocations, " + result.payoutRequests() + " payout requests, all equal");
        long distributing = readAll(topics.settlements()).stream().filter(s -> s.getDistributed().signum() > 0)
                .count();
        log.info("{} of {} settlements distributed (the others carried their revenue: no job in their epoch)",
                distributing, ROUNDS);
        List<EpochBoundary> boundaries = readAll(topics.epochBoundaries());
        assertThat(boundaries.stream().filter(b -> b.getSource().equals("jobs"))).hasSize(ROUNDS * PARTITIONS);
        assertThat(boundaries.stream().filter(b -> !b.getSource().equals("jobs"))).as("payouts and payoutSettings")
                .hasSize(ROUNDS * 2);
        assertThat(readAll(topics.jobRefusals())).as("late jobs refused").isNotEmpty();
        // the export put jobs before each accepted NewRound and nowhere else: as many job lines as jobs written
        long jobLines = Files.readAllLines(workDir.resolve("audit").resolve("ledger-export.jsonl")).stream()
                .filter(l -> l.startsWith("{\"type\":\"job\"")).count();
        assertThat(jobLines).isPositive();
    }

    @Test
    @Order(2)
    void anAllocationWhoseAmountWasChangedIsNamed() throws Exception {
        TopicSpec<Allocation> copy = new TopicSpec<>(topics.allocations().name() + ".tampered",
                topics.allocations().keyDescription(), Allocation.class, Allocation.getClassSchema(), PARTITIONS,
                TopicSpec.CleanupPolicy.DELETE, -1L, "test");
        devstack.createTopics(List.of(copy.newTopic(0, (short) 1)));
        List<Allocation> published = readAll(topics.allocations());
        Allocation forged = null;
        try (KafkaProducer<String, Allocation> out = producer(AvroSerde.forClass(Allocation.class, registry))) {
            for (Allocation a : published) {
                Allocation value = a;
                if (forged == null && a.getAmount().signum() > 0) {
                    value = Allocation.newBuilder(a).setAmount(a.getAmount().add(BigDecimal.ONE)).build();
                    forged = value;
                }
                out.send(new ProducerRecord<>(copy.name(), value.getTranscoder(), value));
            }
        }
        assertThat(forged).isNotNull();
        LedgerTopics tampered = new LedgerTopics(topics.jobs(), topics.chainEvents(), topics.epochMarkers(),
                topics.epochBoundaries(), topics.barrier(), topics.settlements(), copy, topics.payoutRequests(),
                topics.payouts(), topics.payoutSettings(), topics.accountChanges(), topics.jobRefusals());

        LedgerAudit.Result result = audit(tampered);

        log.info("{}", result.line());
        assertThat(result.equal()).isFalse();
        assertThat(result.line()).startsWith("audit: difference: ")
                .contains("round " + forged.getRound() + ": allocation of " + forged.getTranscoder() + ": amount "
                        + "published " + forged.getAmount().toBigInteger() + ", replay "
                        + forged.getAmount().toBigInteger().subtract(BigInteger.ONE));
    }

    @Test
    @Order(3)
    void aForgedSecondAllocationInTheTopicIsNamed() throws Exception {
        Allocation first = readAll(topics.allocations()).getFirst();
        try (KafkaProducer<String, Allocation> out = producer(AvroSerde.forClass(Allocation.class, registry))) {
            out.send(new ProducerRecord<>(topics.allocations().name(), first.getTranscoder(),
                    Allocation.newBuilder(first).setAmount(first.getAmount().add(BigDecimal.TEN)).build())).get();
        }

        LedgerAudit.Result result = audit(topics);

        assertThat(result.line()).isEqualTo("audit: difference: round " + first.getRound() + ": allocation of "
                + first.getTranscoder() + " published twice");
    }

    private static LedgerAudit.Result audit(LedgerTopics audited) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("audit"));
        return new LedgerAudit(new TopicReader(devstack.bootstrapServers(), registry), audited, POLICY).run(dir);
    }

    /** About 1,500 jobs a second over 40 transcoders and 2 orchestrators; every 9th re-posts an earlier id. */
    private static void writeJobs(KafkaProducer<String, io.livepeerpool.schemas.avro.TranscoderJob> producer,
                                  AtomicBoolean writing) {
        Random random = new Random(42);
        List<TranscoderJob> sent = new ArrayList<>();
        try {
            for (int i = 0; writing.get(); i++) {
                String orchestrator = i % 2 == 0 ? "0x1111111111111111111111111111111111111111"
                        : "0x2222222222222222222222222222222222222222";
                String transcoder = String.format("0x%040x", 0xa000 + random.nextInt(40));
                TranscoderJob job = i % 9 == 8 && !sent.isEmpty()
                        ? repost(sent.get(random.nextInt(sent.size())), transcoder)
                        : new TranscoderJob(orchestrator, "job-" + i, transcoder, 1_000_000L + random.nextInt(1000),
                                2_000, 3, i % 50 == 49 ? latestRound.get() - 5 : latestRound.get());
                sent.add(job);
                producer.send(new ProducerRecord<>(topics.jobs().name(), job.dedupeKey(), AvroEvents.job(job)));
                if (i % 30 == 29) {
                    Thread.sleep(20);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TranscoderJob repost(TranscoderJob earlier, String transcoder) {
        return new TranscoderJob(earlier.orchestrator(), earlier.jobId(), transcoder, earlier.pixels(),
                earlier.durationMs(), earlier.profiles(), earlier.roundJob());
    }

    private static void awaitRunning(LedgerService ledger) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (ledger.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
            assertThat(System.nanoTime()).as("ledger running within 120 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void awaitSettlements(int count, LedgerService ledger) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (readAll(topics.settlements()).size() < count) {
            assertThat(ledger.healthy()).as("ledger healthy").isTrue();
            assertThat(System.nanoTime()).as("settlements within 120 s").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static <V extends SpecificRecord> List<V> readAll(TopicSpec<V> topic) {
        TopicReader reader = new TopicReader(devstack.bootstrapServers(), registry);
        List<V> values = new ArrayList<>();
        for (TopicReader.PartitionEnd end : reader.ends(topic)) {
            try (PartitionCursor<V> cursor = reader.open(topic, end)) {
                cursor.forEachRemaining((offset, value) -> values.add(value));
            }
        }
        return values;
    }

    private static <V extends SpecificRecord> KafkaProducer<String, V> producer(AvroSerde<V> values) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), values.serializer());
    }
}
