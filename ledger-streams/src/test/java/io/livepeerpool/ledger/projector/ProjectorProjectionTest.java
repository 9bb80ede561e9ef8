package io.livepeerpool.ledger.projector;

import static io.livepeerpool.ledger.projector.ProjectorTestKit.address;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.hash;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.avro.WinningTicket;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jobs and tickets produced with the real serde land in PostgreSQL with exact values, once per key. */
class ProjectorProjectionTest {
    private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private ProjectorTestKit kit;

    @BeforeEach
    void setUp() throws Exception {
        kit = new ProjectorTestKit();
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    @Test
    void jobsBecomeRowsWithExactValues() throws Exception {
        TranscoderJob max = job(address(1), "job-max", address(11), 1_000_000_007L, UINT256_MAX);
        TranscoderJob zero = job(address(1), "job-zero", address(12), 0, BigInteger.ZERO);
        TranscoderJob other = job(address(2), "job-max", address(11), 42, new BigInteger("123456789012345678901234567890"));
        List<RecordMetadata> acked = kit.produceJobs(List.of(max, zero, other));
        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);

        kit.awaitCaughtUp(kit.jobs.name());

        assertThat(kit.count("SELECT count(*) FROM transcoder_jobs")).isEqualTo(3);
        assertJobRow(max, acked.get(0));
        assertJobRow(zero, acked.get(1));
        assertJobRow(other, acked.get(2));
        try (Connection c = kit.connect();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT face_value::text FROM transcoder_jobs WHERE job_id = 'job-max' AND orchestrator = '"
                             + address(1) + "'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(UINT256_MAX.toString());
        }
        assertThat(projector.healthy()).isTrue();
        assertThat(projector.metrics().count(kit.jobs.name(), "inserted")).isEqualTo(3);
        assertThat(kit.count("SELECT count(*) FROM logs")).isZero();
    }

    @Test
    void aJobPostedTwiceByOneOrchestratorIsOneRowAndTheFirstWins() throws Exception {
        TranscoderJob first = job(address(1), "job-1", address(11), 100, BigInteger.TEN);
        TranscoderJob again = job(address(1), "job-1", address(11), 999, BigInteger.TWO);
        TranscoderJob sameIdOtherOrchestrator = job(address(2), "job-1", address(11), 5, BigInteger.ONE);
        List<RecordMetadata> acked = kit.produceJobs(List.of(first, again, sameIdOtherOrchestrator));
        // and again in a later batch: the row written first stays
        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(kit.jobs.name());
        kit.produceJobs(List.of(job(address(1), "job-1", address(11), 7, BigInteger.ONE)));
        kit.awaitCaughtUp(kit.jobs.name());

        assertThat(kit.count("SELECT count(*) FROM transcoder_jobs")).isEqualTo(2);
        assertJobRow(first, acked.get(0));
        assertJobRow(sameIdOtherOrchestrator, acked.get(2));
        assertThat(projector.metrics().count(kit.jobs.name(), "inserted")).isEqualTo(2);
        assertThat(projector.metrics().count(kit.jobs.name(), "duplicate")).isEqualTo(2);
    }

    @Test
    void winningTicketsBecomeRowsWithoutTheRandOrTheSignature() throws Exception {
        WinningTicket full = ticket(1, UINT256_MAX).setParamsExpirationBlock(123_456L)
                .setWonAt(Instant.parse("2025-06-01T12:00:01.500Z")).setTxHash(hash(77))
                .setGasFees(new BigDecimal("21000000000000")).build();
        WinningTicket bare = ticket(2, BigInteger.ONE).build();
        List<RecordMetadata> acked = kit.produceTickets(List.of(full, bare, ticket(1, BigInteger.TEN).build()));
        kit.startProjector(kit.config(), BatchHook.NONE);

        kit.awaitCaughtUp(kit.tickets.name());

        assertThat(kit.count("SELECT count(*) FROM winning_tickets")).isEqualTo(2);
        assertTicketRow(full, acked.get(0));
        assertTicketRow(bare, acked.get(1));
        try (Connection c = kit.connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT row_to_json(w)::text FROM winning_tickets w")) {
            while (rs.next()) {
                assertThat(rs.getString(1)).doesNotContain(full.getSig().substring(2))
                        .doesNotContain(bare.getSig().substring(2))
                        .doesNotContain(full.getRecipientRand().toPlainString())
                        .doesNotContain(bare.getRecipientRand().toPlainString());
            }
        }
    }

    @Test
    void closeStopsTheConsumerThreadAndLeavesTheGroup() throws Exception {
        kit.produceJobs(List.of(job(address(1), "job-1", address(11), 1, BigInteger.ONE)));
        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(kit.jobs.name());
        assertThat(projector.healthy()).isTrue();

        projector.close();
        projector.close();

        assertThat(projector.thread().isAlive()).isFalse();
        assertThat(projector.healthy()).isFalse();
        try (Admin admin = kit.admin()) {
            var group = admin.describeConsumerGroups(List.of(kit.consumerName)).all().get().get(kit.consumerName);
            assertThat(group.members()).isEmpty();
            // the database holds the positions; nothing was ever committed to Kafka
            assertThat(admin.listConsumerGroupOffsets(kit.consumerName).partitionsToOffsetAndMetadata().get())
                    .isEmpty();
        }
    }

    private void assertJobRow(TranscoderJob job, RecordMetadata where) throws SQLException {
        try (Connection c = kit.connect();
             PreparedStatement s = c.prepareStatement("SELECT * FROM transcoder_jobs WHERE orchestrator = ? AND job_id = ?")) {
            s.setString(1, job.getOrchestrator());
            s.setString(2, job.getJobId());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("row for " + job.getJobId()).isTrue();
                assertThat(rs.getString("transcoder")).isEqualTo(job.getTranscoder());
                assertThat(rs.getLong("pixels")).isEqualTo(job.getPixels());
                assertThat(rs.getLong("duration_ms")).isEqualTo(job.getDurationMs());
                assertThat(rs.getInt("profiles")).isEqualTo(job.getProfiles());
                assertThat(rs.getLong("round_job")).isEqualTo(job.getRoundJob());
                assertThat(rs.getBigDecimal("face_value").toBigIntegerExact())
                        .isEqualTo(job.getFaceValue().toBigIntegerExact());
                // the ledger's weight at the kit's (default) coefficients; no epoch boundary: not settled yet
                assertThat(rs.getBigDecimal("weight").toBigIntegerExact()).isEqualTo(io.livepeerpool.ledger.weight
                        .JobWeight.DEFAULT.of(job.getPixels(), job.getDurationMs(), job.getProfiles()));
                assertThat(rs.getObject("settled_round")).isNull();
                assertThat(rs.getString("key_id")).isEqualTo(job.getKeyId());
                assertThat(rs.getString("request_id")).isEqualTo(job.getRequestId());
                assertThat(rs.getObject("received_at", OffsetDateTime.class).toInstant()).isEqualTo(job.getReceivedAt());
                assertThat(rs.getInt("kafka_partition")).isEqualTo(where.partition());
                assertThat(rs.getLong("kafka_offset")).isEqualTo(where.offset());
            }
        }
    }

    private void assertTicketRow(WinningTicket t, RecordMetadata where) throws SQLException {
        try (Connection c = kit.connect();
             PreparedStatement s = c.prepareStatement("SELECT * FROM winning_tickets WHERE ticket_hash = ?")) {
            s.setString(1, t.getTicketHash());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("orchestrator")).isEqualTo(t.getOrchestrator());
                assertThat(rs.getString("recipient")).isEqualTo(t.getRecipient());
                assertThat(rs.getString("sender")).isEqualTo(t.getSender());
                assertThat(rs.getBigDecimal("face_value").toBigIntegerExact()).isEqualTo(t.getFaceValue().toBigIntegerExact());
                assertThat(rs.getBigDecimal("win_prob").toBigIntegerExact()).isEqualTo(t.getWinProb().toBigIntegerExact());
                assertThat(rs.getBigDecimal("sender_nonce").toBigIntegerExact())
                        .isEqualTo(t.getSenderNonce().toBigIntegerExact());
                assertThat(rs.getLong("creation_round")).isEqualTo(t.getCreationRound());
                assertThat(rs.getString("creation_round_block_hash")).isEqualTo(t.getCreationRoundBlockHash());
                assertThat((Long) rs.getObject("params_expiration_block")).isEqualTo(t.getParamsExpirationBlock());
                OffsetDateTime wonAt = rs.getObject("won_at", OffsetDateTime.class);
                assertThat(wonAt == null ? null : wonAt.toInstant()).isEqualTo(t.getWonAt());
                assertThat(rs.getString("tx_hash")).isEqualTo(t.getTxHash());
                BigDecimal gas = rs.getBigDecimal("gas_fees");
                assertThat(gas == null ? null : gas.toBigIntegerExact())
                        .isEqualTo(t.getGasFees() == null ? null : t.getGasFees().toBigIntegerExact());
                assertThat(rs.getString("key_id")).isEqualTo(t.getKeyId());
                assertThat(rs.getString("request_id")).isEqualTo(t.getRequestId());
                assertThat(rs.getObject("received_at", OffsetDateTime.class).toInstant()).isEqualTo(t.getReceivedAt());
                assertThat(rs.getInt("kafka_partition")).isEqualTo(where.partition());
                assertThat(rs.getLong("kafka_offset")).isEqualTo(where.offset());
            }
        }
    }

    private static WinningTicket.Builder ticket(int n, BigInteger faceValue) {
        return WinningTicket.newBuilder()
                .setRequestId("req-" + n + "-" + faceValue.bitLength())
                .setOrchestrator(address(1))
                .setKeyId("key-1")
                .setReceivedAt(Instant.parse("2025-06-01T12:00:02.250Z"))
                .setTicketHash(hash(n))
                .setRecipient(address(1))
                .setSender(address(100 + n))
                .setFaceValue(new BigDecimal(faceValue))
                .setWinProb(new BigDecimal(UINT256_MAX.shiftRight(3)))
                .setSenderNonce(new BigDecimal(UINT256_MAX.subtract(BigInteger.valueOf(n))))
                .setRecipientRandHash(hash(1_000 + n))
                .setCreationRound(3_600)
                .setCreationRoundBlockHash(hash(2_000 + n))
                .setSig("0x" + "ab".repeat(32) + String.format("%02x", n) + "cd".repeat(32))
                .setRecipientRand(new BigDecimal(new BigInteger("987654321987654321987654321").add(BigInteger.valueOf(n))));
    }
}
