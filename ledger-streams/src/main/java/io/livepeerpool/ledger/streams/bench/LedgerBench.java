package io.livepeerpool.ledger.streams.bench;

import io.livepeerpool.platform.files.Directories;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PoolOrchestrators;
import io.livepeerpool.ledger.streams.LedgerConfig;
import io.livepeerpool.ledger.streams.LedgerService;
import io.livepeerpool.ledger.streams.LedgerTopics;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.topics.JobKeys;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pool bench ledger}: the ledger topology on a real broker, against a baseline measured in the same run.
 * <ol>
 *   <li>Writes one epoch of jobs ({@link Options#jobs} over {@link Options#transcoders}, each job a distinct id) and
 *       one ticket transfer to fresh topics.</li>
 *   <li>Baseline: a pass-through topology (the jobs topic to another topic, same Avro serdes, exactly_once_v2) reads
 *       the backlog; jobs/s from RUNNING until its committed offsets reach the end.</li>
 *   <li>Ledger: {@link LedgerService} reads the same backlog; jobs/s from RUNNING until every stage has consumed it
 *       ({@link CatchUp}: jobs, chain events; the jobs are counted in one stage).</li>
 *   <li>Settlement latency: with every job weighed, writes the NewRound and times until the Settlement (one
 *       allocation per transcoder) can be read, read_committed.</li>
 * </ol>
 * Everything it created (topics, changelogs, state directories) is deleted at the end. No timing is asserted
 * anywhere: the numbers depend on the machine.
 */
public final class LedgerBench {
    private static final Logger log = LoggerFactory.getLogger(LedgerBench.class);
    static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
    static final String SENDER = "0x5000000000000000000000000000000000000005";
    static final String ORCHESTRATOR = "0x1111111111111111111111111111111111111111";
    static final String CONTRACT = "0x00000000000000000000000000000000000000cc";

    private LedgerBench() {
    }

    /**
     * @param jobs        jobs in the epoch (the full run: 1,000,000)
     * @param transcoders transcoders they are spread over (the full run: 10,000)
     * @param partitions  partitions of the topics keyed by transcoder or job
     */
    public record Options(int jobs, int transcoders, int partitions) {
        public Options {
            if (jobs < transcoders || transcoders < 1 || partitions < 1) {
                throw new IllegalArgumentException("need jobs >= transcoders >= 1 and partitions >= 1");
            }
        }

        /** 1,000,000 jobs over 10,000 transcoders, 6 partitions (the catalogue's). */
        public static Options full() {
            return new Options(1_000_000, 10_000, 6);
        }

        /** A quick run: 20,000 jobs over 1,000 transcoders, 3 partitions. */
        public static Options quick() {
            return new Options(20_000, 1_000, 3);
        }
    }

    /**
     * @param passThroughJobsPerSecond baseline: the jobs through a pass-through topology
     * @param ledgerJobsPerSecond      the jobs through the ledger topology (dedupe and subtotals, one stage)
     * @param throughputRatio          ledger / baseline
     * @param settlementLatencyMs      from writing the NewRound to reading its Settlement
     */
    public record Result(Options options, double passThroughJobsPerSecond, double ledgerJobsPerSecond,
                         double throughputRatio, long settlementLatencyMs, int settlementAllocations) {
        public List<String> lines() {
            return List.of(
                    String.format(Locale.ROOT, "ledger bench: %,d jobs over %,d transcoders, %d partitions",
                            options.jobs(), options.transcoders(), options.partitions()),
                    String.format(Locale.ROOT, "%-34s %12.0f jobs/s", "pass-through topology (baseline)",
                            passThroughJobsPerSecond),
                    String.format(Locale.ROOT, "%-34s %12.0f jobs/s  (%.3f of the baseline)", "ledger topology",
                            ledgerJobsPerSecond, throughputRatio),
                    String.format(Locale.ROOT, "%-34s %12d ms    (%,d allocations)", "NewRound -> Settlement",
                            settlementLatencyMs, settlementAllocations));
        }
    }

    public static Result run(String bootstrapServers, String schemaRegistryUrl, Options options) throws Exception {
        String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        LedgerTopics topics = LedgerTopics.catalogue().withSuffix(runId).withPartitions(options.partitions());
        String passThroughTopic = topics.jobs().name() + ".copy";
        String passThroughApp = "ledger-bench-pass-" + runId;
        String ledgerApp = "ledger-bench-" + runId;
        Path stateDir = Files.createTempDirectory("ledger-bench-");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
             SchemaRegistryClient registry = SchemaRegistryClient.connect(schemaRegistryUrl)) {
            short replication = (short) Math.min(3, admin.describeCluster().nodes().get().size());
            List<NewTopic> created = new ArrayList<>(topics.newTopics(replication));
            created.add(new NewTopic(passThroughTopic, options.partitions(), replication));
            admin.createTopics(created).all().get(1, TimeUnit.MINUTES);
            try {
                writeEpoch(bootstrapServers, registry, topics, options);
                double baseline = passThrough(bootstrapServers, registry, topics.jobs(), passThroughTopic,
                        passThroughApp, stateDir.resolve("pass"), options.jobs());
                Result result = ledger(bootstrapServers, schemaRegistryUrl, registry, topics, ledgerApp,
                        stateDir.resolve("ledger"), options, baseline);
                result.lines().forEach(log::info);
                return result;
            } finally {
                deleteTopics(admin, created, Set.of(passThroughApp, ledgerApp));
            }
        } finally {
            Directories.deleteQuietly(stateDir);
        }
    }

    private static void writeEpoch(String bootstrapServers, SchemaRegistryClient registry, LedgerTopics topics,
                                   Options options) throws Exception {
        long started = System.nanoTime();
        try (KafkaProducer<String, TranscoderJob> jobs = producer(bootstrapServers,
                AvroSerde.forClass(TranscoderJob.class, registry));
             KafkaProducer<String, ChainEvent> chain = producer(bootstrapServers,
                     AvroSerde.forClass(ChainEvent.class, registry))) {
            chain.send(new ProducerRecord<>(topics.chainEvents().name(), SENDER, new ChainEvent(1L, hash(1),
                    hash(2), 0, CONTRACT, new WinningTicketTransferEvent(SENDER, ORCHESTRATOR,
                    new BigDecimal("100000000000000000000"), BigDecimal.ZERO, 1, 0)))).get();
            Instant receivedAt = Instant.now();
            for (int i = 0; i < options.jobs(); i++) {
                String transcoder = transcoder(i % options.transcoders());
                // a typical job: 2 s, 240p/360p/720p at 30 fps
                jobs.send(new ProducerRecord<>(topics.jobs().name(), JobKeys.of(ORCHESTRATOR, "job-" + i),
                        new TranscoderJob("bench-" + i, ORCHESTRATOR, "bench", receivedAt, "job-" + i, transcoder,
                                75_254_400L, 2_000L, 3, 1L, BigDecimal.ZERO, null, null, null)));
            }
            jobs.flush();
        }
        log.info("wrote {} jobs in {} ms", options.jobs(), elapsedMs(started));
    }

    private static double passThrough(String bootstrapServers, SchemaRegistryClient registry,
                                      TopicSpec<TranscoderJob> jobs, String output, String applicationId,
                                      Path stateDir, int jobCount) throws Exception {
        AvroSerde<TranscoderJob> values = AvroSerde.forClass(TranscoderJob.class, registry);
        Topology topology = new Topology();
        topology.addSource("jobs", Serdes.String().deserializer(), values.deserializer(), jobs.name());
        topology.addSink("copy", output, Serdes.String().serializer(), values.serializer(), "jobs");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        try (KafkaStreams streams = new KafkaStreams(topology, props);
             CatchUp catchUp = new CatchUp(bootstrapServers, applicationId, List.of(jobs.name()))) {
            streams.start();
            long started = awaitRunning(() -> streams.state() == KafkaStreams.State.RUNNING);
            catchUp.await(PHASE_TIMEOUT, () -> streams.state().isRunningOrRebalancing());
            return perSecond(jobCount, started);
        }
    }

    private static Result ledger(String bootstrapServers, String schemaRegistryUrl, SchemaRegistryClient registry,
                                 LedgerTopics topics, String applicationId, Path stateDir, Options options,
                                 double baseline) throws Exception {
        LedgerConfig config = new LedgerConfig(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, 1,
                LedgerPolicy.defaults(PoolOrchestrators.of(ORCHESTRATOR)));
        try (LedgerService ledger = LedgerService.create(config, topics, Map.of(), null);
             CatchUp catchUp = new CatchUp(bootstrapServers, applicationId, List.of(topics.jobs().name(),
                     topics.chainEvents().name()));
             KafkaConsumer<String, Settlement> settlements = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                     AvroSerde.forClass(Settlement.class, registry).deserializer());
             KafkaProducer<String, ChainEvent> chain = producer(bootstrapServers,
                     AvroSerde.forClass(ChainEvent.class, registry))) {
            ledger.start();
            long started = awaitRunning(() -> ledger.state() == KafkaStreams.State.RUNNING);
            catchUp.await(PHASE_TIMEOUT, ledger::healthy);
            double jobsPerSecond = perSecond(options.jobs(), started);
            TopicPartition settled = new TopicPartition(topics.settlements().name(), 0);
            settlements.assign(List.of(settled));
            settlements.seekToEnd(List.of(settled));
            settlements.position(settled);
            long newRound = System.nanoTime();
            chain.send(new ProducerRecord<>(topics.chainEvents().name(), "1", new ChainEvent(2L, hash(3), hash(4), 0,
                    CONTRACT, new NewRoundEvent(1L, hash(3), null)))).get();
            Settlement settlement = awaitSettlement(settlements, ledger::healthy);
            long latencyMs = elapsedMs(newRound);
            return new Result(options, baseline, jobsPerSecond, jobsPerSecond / baseline, latencyMs,
                    settlement.getAllocationCount() != null
                            ? settlement.getAllocationCount() : settlement.getAllocations().size());
        }
    }

    private static Settlement awaitSettlement(KafkaConsumer<String, Settlement> consumer, BooleanSupplier alive) {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            for (ConsumerRecord<String, Settlement> record : consumer.poll(Duration.ofMillis(50))) {
                return record.value();
            }
        }
        throw new IllegalStateException("no settlement within " + PHASE_TIMEOUT + " (ledger alive: "
                + alive.getAsBoolean() + ")");
    }

    /** Waits until RUNNING and returns System.nanoTime() then. */
    private static long awaitRunning(BooleanSupplier running) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (!running.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not RUNNING within " + PHASE_TIMEOUT);
            }
            Thread.sleep(10);
        }
        return System.nanoTime();
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, V> producer(
            String bootstrapServers, AvroSerde<V> values) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), values.serializer());
    }

    /** Best effort: the bench's topics and the changelog topics of both applications. */
    private static void deleteTopics(Admin admin, List<NewTopic> created, Set<String> applicationIds) {
        try {
            List<String> names = new ArrayList<>(created.stream().map(NewTopic::name).toList());
            admin.listTopics().names().get(1, TimeUnit.MINUTES).stream()
                    .filter(name -> applicationIds.stream().anyMatch(app -> name.startsWith(app + "-")))
                    .forEach(names::add);
            admin.deleteTopics(names).all().get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            log.warn("could not delete the bench topics: {}", e.toString());
        }
    }

    static String transcoder(int index) {
        String digits = Integer.toHexString(index);
        return "0x" + "0".repeat(40 - digits.length()) + digits;
    }

    private static String hash(long n) {
        String digits = Long.toHexString(n);
        return "0x" + "0".repeat(64 - digits.length()) + digits;
    }

    private static double perSecond(long count, long startedNanos) {
        return count / Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
