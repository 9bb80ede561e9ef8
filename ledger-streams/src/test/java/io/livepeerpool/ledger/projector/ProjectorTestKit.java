package io.livepeerpool.ledger.projector;


import com.zaxxer.hikari.HikariDataSource;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.readmodel.ReadModelDatabase;
import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.avro.MemberAccountChange;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.JobRefusal;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.PayoutSettings;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One isolated projection world per test on the shared devstack: topics of its own (same types and schemas as the
 * catalogue topics, unique names), a database of its own, and a consumer name of its own.
 */
final class ProjectorTestKit implements AutoCloseable {
    static final int JOB_PARTITIONS = 3;
    static final int TICKET_PARTITIONS = 2;
    static final int SETTLEMENT_PARTITIONS = 1;
    static final int ALLOCATION_PARTITIONS = 3;
    static final int PAYOUT_PARTITIONS = 2;
    static final int REDEMPTION_PARTITIONS = 3;
    static final Duration AWAIT = Duration.ofSeconds(60);

    final Devstack devstack = SharedDevstack.get();
    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final TopicSpec<TranscoderJob> jobs = renamed(Topics.TRANSCODER_JOBS, "test-" + id + ".transcoder-jobs");
    final TopicSpec<WinningTicket> tickets = renamed(Topics.WINNING_TICKETS, "test-" + id + ".winning-tickets");
    final TopicSpec<Settlement> settlements = renamed(Topics.LEDGER_SETTLEMENTS, "test-" + id + ".ledger-settlements");
    final TopicSpec<Allocation> allocations = renamed(Topics.LEDGER_ALLOCATIONS, "test-" + id + ".ledger-allocations");
    final TopicSpec<PayoutRequest> payouts = renamed(Topics.PAYOUT_REQUESTS, "test-" + id + ".payout-requests");
    final TopicSpec<Redemption> redemptions = renamed(Topics.REDEMPTIONS, "test-" + id + ".redemptions");
    final TopicSpec<Payout> payoutOutcomes = renamed(Topics.PAYOUTS, "test-" + id + ".payouts");
    final TopicSpec<PayoutSettings> payoutSettings = renamed(Topics.PAYOUT_SETTINGS, "test-" + id + ".payout-settings");
    final TopicSpec<MemberAccountChange> accountChanges = renamed(Topics.LEDGER_ACCOUNT_CHANGES,
            "test-" + id + ".ledger-account-changes");
    final TopicSpec<JobRefusal> refusals = renamed(Topics.LEDGER_JOB_REFUSALS, "test-" + id + ".ledger-job-refusals");
    final TopicSpec<EpochBoundary> boundaries = renamed(Topics.LEDGER_EPOCH_BOUNDARIES,
            "test-" + id + ".ledger-epoch-boundaries");
    final String consumerName = "projector-test-" + id;
    final String jdbcUrl;
    final SchemaRegistryClient registry;
    private final List<AutoCloseable> resources = new ArrayList<>();

    ProjectorTestKit() throws Exception {
        devstack.createTopics(List.of(jobs.newTopic(JOB_PARTITIONS, (short) 1),
                tickets.newTopic(TICKET_PARTITIONS, (short) 1),
                settlements.newTopic(SETTLEMENT_PARTITIONS, (short) 1),
                allocations.newTopic(ALLOCATION_PARTITIONS, (short) 1),
                payouts.newTopic(PAYOUT_PARTITIONS, (short) 1),
                redemptions.newTopic(REDEMPTION_PARTITIONS, (short) 1),
                payoutOutcomes.newTopic(1, (short) 1), payoutSettings.newTopic(1, (short) 1),
                accountChanges.newTopic(ALLOCATION_PARTITIONS, (short) 1),
                refusals.newTopic(JOB_PARTITIONS, (short) 1), boundaries.newTopic(1, (short) 1)));
        jdbcUrl = createDatabase("projector_" + id);
        registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        resources.add(registry);
    }

    private static <V> TopicSpec<V> renamed(TopicSpec<V> spec, String name) {
        return new TopicSpec<>(name, spec.keyDescription(), spec.valueType(), spec.valueSchema(), spec.partitions(),
                spec.cleanup(), spec.retentionMs(), spec.writer());
    }

    private String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(), devstack.jdbcUser(), devstack.jdbcPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = devstack.jdbcUrl();
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    ProjectorConfig config() {
        return new ProjectorConfig(devstack.bootstrapServers(), devstack.schemaRegistryUrl(), jdbcUrl,
                devstack.jdbcUser(), devstack.jdbcPassword(), consumerName, 100, 100);
    }

    /** A started projector over this kit's topics and database, with meters of its own; closed with the kit. */
    Projector startProjector(ProjectorConfig config, BatchHook hook) {
        Projector projector = Projector.create(config, new SimpleMeterRegistry(), hook,
                schemas -> ProjectedTopics.of(
                        new ProjectedTopics.Sources(jobs, tickets, settlements, allocations, payouts, redemptions,
                                payoutOutcomes, payoutSettings, accountChanges, refusals, boundaries),
                        config.weights(), schemas));
        resources.add(projector);
        projector.start();
        return projector;
    }

    // ---- producing ----

    List<RecordMetadata> produceJobs(List<TranscoderJob> values) throws Exception {
        try (KafkaProducer<String, TranscoderJob> producer = new KafkaProducer<>(producerProperties(),
                new StringSerializer(), AvroSerde.forTopic(jobs, registry).serializer())) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (TranscoderJob job : values) {
                sent.add(producer.send(new ProducerRecord<>(jobs.name(), job.getTranscoder(), job)));
            }
            return awaitAll(sent);
        }
    }

    List<RecordMetadata> produceTickets(List<WinningTicket> values) throws Exception {
        try (KafkaProducer<String, WinningTicket> producer = new KafkaProducer<>(producerProperties(),
                new StringSerializer(), AvroSerde.forTopic(tickets, registry).serializer())) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (WinningTicket ticket : values) {
                sent.add(producer.send(new ProducerRecord<>(tickets.name(), ticket.getSender(), ticket)));
            }
            return awaitAll(sent);
        }
    }

    /** Values with the real serde, each with its key and its record timestamp, in order. */
    <V extends SpecificRecord> List<RecordMetadata> produce(TopicSpec<V> topic, List<V> values, Function<V, String> key,
            Function<V, Instant> timestamp) throws Exception {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(producerProperties(), new StringSerializer(),
                AvroSerde.forTopic(topic, registry).serializer())) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (V value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic.name(), null,
                        timestamp.apply(value).toEpochMilli(), key.apply(value), value)));
            }
            return awaitAll(sent);
        }
    }

    List<RecordMetadata> produceSettlements(List<Settlement> values, Instant timestamp) throws Exception {
        return produce(settlements, values, s -> "pool", s -> timestamp);
    }

    List<RecordMetadata> produceAllocations(List<Allocation> values, Instant timestamp) throws Exception {
        return produce(allocations, values, Allocation::getTranscoder, a -> timestamp);
    }

    List<RecordMetadata> producePayouts(List<PayoutRequest> values, Instant timestamp) throws Exception {
        return produce(payouts, values, PayoutRequest::getTranscoder, p -> timestamp);
    }

    /** Bytes as they are, e.g. not the Avro wire format. */
    RecordMetadata produceRaw(String topic, int partition, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
        }
    }

    private Map<String, Object> producerProperties() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    private static List<RecordMetadata> awaitAll(List<java.util.concurrent.Future<RecordMetadata>> sent)
            throws Exception {
        List<RecordMetadata> acked = new ArrayList<>();
        for (java.util.concurrent.Future<RecordMetadata> f : sent) {
            acked.add(f.get());
        }
        return acked;
    }

    static TranscoderJob job(String orchestrator, String jobId, String transcoder, long pixels, BigInteger faceValue) {
        return TranscoderJob.newBuilder()
                .setRequestId(UUID.nameUUIDFromBytes((orchestrator + jobId + pixels).getBytes()).toString())
                .setOrchestrator(orchestrator)
                .setKeyId("key-" + orchestrator.substring(2, 6))
                .setReceivedAt(Instant.parse("2025-06-01T12:00:00.123Z").plusMillis(pixels % 1000))
                .setJobId(jobId)
                .setTranscoder(transcoder)
                .setPixels(pixels)
                .setDurationMs(2_000)
                .setProfiles(3)
                .setRoundJob(3_600)
                .setFaceValue(new BigDecimal(faceValue))
                .build();
    }

    static Allocation allocation(long round, String transcoder, BigInteger weight, BigInteger amount,
            BigInteger balanceAfter) {
        return Allocation.newBuilder().setRound(round).setTranscoder(transcoder).setWeight(new BigDecimal(weight))
                .setAmount(new BigDecimal(amount)).setBalanceAfter(new BigDecimal(balanceAfter)).build();
    }

    static PayoutRequest payout(long round, String transcoder, BigInteger amount) {
        return PayoutRequest.newBuilder().setPayoutId(payoutId(transcoder, round)).setRound(round)
                .setTranscoder(transcoder).setAmount(new BigDecimal(amount)).build();
    }

    /** The ledger's deterministic payout id. */
    static String payoutId(String transcoder, long round) {
        return io.livepeerpool.ledger.settlement.PayoutRequest.idFor(transcoder, round);
    }

    static String address(int n) {
        return "0x" + String.format(Locale.ROOT, "%040x", n);
    }

    static String hash(int n) {
        return "0x" + String.format(Locale.ROOT, "%064x", n);
    }

    // ---- reading back ----

    HikariDataSource newPool() {
        HikariDataSource pool = ReadModelDatabase.pool(jdbcUrl, devstack.jdbcUser(), devstack.jdbcPassword(), 2,
                "test-" + id);
        resources.add(pool);
        return pool;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, devstack.jdbcUser(), devstack.jdbcPassword());
    }

    long count(String sqlCount) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sqlCount)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row of a table as JSON text (NUMERIC stays exact), in the given order: for before/after comparisons. */
    List<String> dump(String table, String orderBy) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT row_to_json(t)::text FROM " + table + " t ORDER BY " + orderBy)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** projector_offsets of this kit's consumer, as topic-partition -> next offset (empty if no table yet). */
    Map<TopicPartition, Long> storedOffsets() throws SQLException {
        return storedOffsets(connect(), true);
    }

    Map<TopicPartition, Long> storedOffsets(Connection connection, boolean close) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT topic, kafka_partition, next_offset FROM projector_offsets"
                     + " WHERE consumer = '" + consumerName + "'")) {
            while (rs.next()) {
                offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
            }
        } finally {
            if (close) {
                connection.close();
            }
        }
        return offsets;
    }

    /** End offsets of the non-empty partitions of the given topics. */
    Map<TopicPartition, Long> endOffsets(String... topics) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String topic : topics) {
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
                for (int p = 0; p < partitions; p++) {
                    request.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> {
                if (info.offset() > 0) {
                    ends.put(tp, info.offset());
                }
            });
            return ends;
        }
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers()));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + AWAIT + " waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the projector has stored exactly the topics' end offsets. */
    void awaitCaughtUp(String... topics) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topics);
        await("projector_offsets = end offsets " + ends, () -> {
            try {
                return storedOffsets().equals(ends);
            } catch (SQLException e) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // best effort: the next test has a world of its own anyway
            }
        }
    }
}
