package io.livepeerpool.ledger.projector;

import static io.livepeerpool.ledger.projector.ProjectorTestKit.address;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.ledger.weight.JobWeight;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.avro.JobRefusal;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code transcoder_jobs.weight} and {@code settled_round}: from the ledger's weight coefficients and the jobs' epoch
 * boundaries, on the devstack's broker and database, whatever the order in which jobs, boundaries and refusals are
 * projected, never for a refused post (a later counted post of the same id takes the row), and the same rows after
 * projecting everything again.
 */
class ProjectorJobSettlementTest {
    /** Not the defaults: the weight must come from the configured coefficients. */
    private static final JobWeight WEIGHTS = new JobWeight(BigInteger.TWO, BigInteger.valueOf(7),
            BigInteger.valueOf(11));
    private static final Instant AT = Instant.parse("2026-11-26T05:00:00Z");

    private ProjectorTestKit kit;
    private ProjectorConfig config;
    private Projector projector;

    @BeforeEach
    void setUp() throws Exception {
        kit = new ProjectorTestKit();
        config = kit.config().withWeights(WEIGHTS);
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void countedJobsSettleInEitherOrderRefusedPostsNeverAndAReplayGivesTheSameRows() throws Exception {
        // 1. jobs, then the boundaries of epoch 1 (round 100) after them, projected together
        RecordMetadata a0 = job(0, "a0", 1_000);
        RecordMetadata a1 = job(0, "a1", 2_000);
        RecordMetadata b0 = job(1, "b0", 3_000);
        RecordMetadata c0 = job(2, "c0", 4_000);
        RecordMetadata c1 = job(2, "c1", 5_000);
        // partition 2: epoch 2 (round 101) written before epoch 1 (round 100), which closes only c0
        boundary(2, 2, 101, 2);
        boundary(2, 1, 100, 1);
        boundary(0, 1, 100, 2);
        boundary(1, 1, 100, 1);
        start();
        awaitCaughtUp();
        assertSettled(a0, 100, 1_000);
        assertSettled(a1, 100, 2_000);
        assertSettled(b0, 100, 3_000);
        assertSettled(c0, 100, 4_000);
        assertSettled(c1, 101, 5_000);

        // 2. the boundary of epoch 2 (round 101) of partition 0 before the jobs it closes (offsets 2 and 3)
        boundary(0, 2, 101, 4);
        awaitCaughtUp();
        RecordMetadata a2 = job(0, "a2", 6_000);
        RecordMetadata a3 = job(0, "a3", 7_000);
        RecordMetadata a4 = job(0, "a4", 8_000);   // beyond the boundary: the open epoch
        awaitCaughtUp();
        assertThat(a2.offset()).isEqualTo(2);
        assertSettled(a2, 101, 6_000);
        assertSettled(a3, 101, 7_000);
        assertUnsettled(a4, 8_000);

        // 3. a post refused after it was settled: its row loses both figures
        RecordMetadata b1 = job(1, "b1", 9_000);
        boundary(1, 2, 101, 2);
        awaitCaughtUp();
        assertSettled(b1, 101, 9_000);
        refusal(b1, "b1");
        awaitCaughtUp();
        assertNotCounted(b1);

        // 4. a refusal projected before its post (offset 2 of partition 1), and the post's boundary before the post
        refusal(1, 2, "b2");
        boundary(1, 3, 102, 3);
        awaitCaughtUp();
        RecordMetadata b2 = job(1, "b2", 10_000);
        awaitCaughtUp();
        assertThat(b2.offset()).isEqualTo(2);
        assertNotCounted(b2);

        // 5. a late re-post of a counted job (same id and roundJob) refused: the job's row, its first post, stays
        RecordMetadata a1again = job(0, "a1", 2_000);
        refusal(a1again, "a1");
        boundary(0, 3, 102, 6);
        awaitCaughtUp();
        assertSettled(a1, 100, 2_000);
        assertSettled(a4, 102, 8_000);

        // 6. a job whose first post is refused, known only after its re-post (counted) was projected: the re-post
        // becomes the job's row, with its own weight and round
        RecordMetadata c2 = job(2, "c2", 11_000);
        RecordMetadata c2again = job(2, "c2", 12_000);
        boundary(2, 3, 102, 4);
        awaitCaughtUp();
        assertSettled(c2, 102, 11_000);   // looks counted until the refusal arrives
        refusal(c2, "c2");
        awaitCaughtUp();
        assertSettled(c2again, 102, 12_000);
        assertThat(kit.count("SELECT count(*) FROM transcoder_jobs WHERE job_id = 'c2'")).isEqualTo(1);

        assertThat(kit.count("SELECT count(*) FROM transcoder_jobs")).isEqualTo(11);
        assertThat(kit.count("SELECT count(*) FROM logs")).isZero();
        List<String> rows = kit.dump("transcoder_jobs", "orchestrator, job_id");

        // 7. the same topics again from offset 0 into the same database: nothing changes
        projector.close();
        try (Connection c = kit.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM projector_offsets");
        }
        start();
        awaitCaughtUp();
        assertThat(kit.dump("transcoder_jobs", "orchestrator, job_id")).isEqualTo(rows);

        // 8. and into an emptied read model, where every record is there at once (any interleaving): the same rows
        projector.close();
        try (Connection c = kit.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE transcoder_jobs, job_reposts, job_refusals, job_boundaries, projector_offsets");
        }
        start();
        awaitCaughtUp();
        assertThat(kit.dump("transcoder_jobs", "orchestrator, job_id")).isEqualTo(rows);
        assertThat(kit.count("SELECT count(*) FROM job_boundaries")).isEqualTo(9);
    }

    @Test
    void boundariesOfOtherSourcesAreNotTheReadModels() throws Exception {
        RecordMetadata a0 = job(0, "a0", 1_000);
        EpochBoundary payouts = new EpochBoundary(1L, 100L, "payouts", 0, 1, 5L);
        produce(kit.boundaries, 0, payouts);
        start();
        awaitCaughtUp();
        assertUnsettled(a0, 1_000);
        assertThat(kit.count("SELECT count(*) FROM job_boundaries")).isZero();
        assertThat(kit.count("SELECT count(*) FROM logs")).isZero();
    }

    // ---- producing, each record on a partition of the test's choice ----

    private void start() {
        projector = kit.startProjector(config, BatchHook.NONE);
    }

    private void awaitCaughtUp() throws Exception {
        kit.awaitCaughtUp(kit.jobs.name(), kit.refusals.name(), kit.boundaries.name());
    }

    private RecordMetadata job(int partition, String jobId, long pixels) throws Exception {
        TranscoderJob job = ProjectorTestKit.job(address(1), jobId, address(11), pixels, BigInteger.ONE);
        return produce(kit.jobs, partition, job);
    }

    private void boundary(int partition, long epoch, long round, long offset) throws Exception {
        produce(kit.boundaries, 0, new EpochBoundary(epoch, round, "jobs", partition,
                ProjectorTestKit.JOB_PARTITIONS, offset));
    }

    private void refusal(RecordMetadata post, String jobId) throws Exception {
        refusal(post.partition(), post.offset(), jobId);
    }

    private void refusal(int partition, long offset, String jobId) throws Exception {
        produce(kit.refusals, 0, new JobRefusal(address(1), jobId, address(11), 3_600L, "late", 3_603L, partition,
                offset));
    }

    private <V extends SpecificRecord> RecordMetadata produce(TopicSpec<V> topic, int partition, V value)
            throws Exception {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kit.devstack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                AvroSerde.forTopic(topic, kit.registry).serializer())) {
            return producer.send(new ProducerRecord<>(topic.name(), partition, AT.toEpochMilli(), "k", value)).get();
        }
    }

    // ---- reading back ----

    private void assertSettled(RecordMetadata post, long round, long pixels) throws Exception {
        assertThat(figures(post)).as("post %s", post).isEqualTo(expectedWeight(pixels) + "|" + round);
    }

    private void assertUnsettled(RecordMetadata post, long pixels) throws Exception {
        assertThat(figures(post)).as("post %s", post).isEqualTo(expectedWeight(pixels) + "|null");
    }

    private void assertNotCounted(RecordMetadata post) throws Exception {
        assertThat(figures(post)).as("post %s", post).isEqualTo("null|null");
    }

    /** By hand: 2 per pixel, 7 per ms of its 2,000 ms, 11 per profile of its 3. */
    private static String expectedWeight(long pixels) {
        BigInteger weight = BigInteger.valueOf(2 * pixels + 7 * 2_000 + 11 * 3);
        assertThat(weight).isEqualTo(WEIGHTS.of(pixels, 2_000, 3));
        return weight.toString();
    }

    private String figures(RecordMetadata post) throws Exception {
        try (Connection c = kit.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT weight::text, settled_round FROM transcoder_jobs WHERE kafka_partition = ? AND kafka_offset = ?")) {
            s.setInt(1, post.partition());
            s.setLong(2, post.offset());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("a row for post %s", post).isTrue();
                String weight = rs.getString(1);
                long round = rs.getLong(2);
                return weight + "|" + (rs.wasNull() ? "null" : Long.toString(round));
            }
        }
    }
}
