package io.livepeerpool.ledger.projector;

import static io.livepeerpool.ledger.projector.ProjectorTestKit.address;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.hash;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.livepeerpool.readmodel.ReadModelDatabase;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionStatus;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redemption outcomes (pool.redemptions) fill the payment columns of winning_tickets: every status, the outcome before
 * or after its ticket (separate batches, one batch, two concurrent transactions), the first outcome winning, replays
 * changing nothing, refused outcomes skipped, and V3 applied over a V2 database that already holds tickets.
 */
class ProjectorRedemptionTest {
    private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final Instant RECORDED = Instant.parse("2025-06-02T08:30:00.125Z");

    private ProjectorTestKit kit;

    @BeforeEach
    void setUp() throws Exception {
        kit = new ProjectorTestKit();
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    private String[] ticketTopics() {
        return new String[] {kit.tickets.name(), kit.redemptions.name()};
    }

    @Test
    void eachStatusFillsItsTicketsPaymentColumnsAndATicketWithoutOutcomeStaysNotClaimed() throws Exception {
        kit.produceTickets(List.of(ticket(1).build(), ticket(2).build(), ticket(3).build(), ticket(4).build()));
        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(kit.tickets.name());
        assertThat(payment(1)).isEqualTo(Payment.NOT_CLAIMED);

        produceOutcomes(List.of(redeemed(1, UINT256_MAX.subtract(BigInteger.TEN), 3, new BigInteger("7000000000000")),
                failedOnChain(2), expired(3)));
        kit.awaitCaughtUp(ticketTopics());

        assertThat(payment(1)).isEqualTo(new Payment("Claimed", null, UINT256_MAX.subtract(BigInteger.TEN).toString(),
                hash(9_001), "7000000000000", 500_001L, RECORDED));
        assertThat(payment(2)).isEqualTo(new Payment("Failed", "sender deposit and reserve insufficient to cover ticket face value",
                "0", hash(9_002), "21000000000000", 500_002L, RECORDED));
        assertThat(payment(3)).isEqualTo(new Payment("Expired", "ticket is expired", "0", null, null, null, RECORDED));
        assertThat(payment(4)).isEqualTo(Payment.NOT_CLAIMED);
        assertThat(kit.count("SELECT count(*) FROM redemptions")).isEqualTo(3);
        assertThat(projector.metrics().count(kit.redemptions.name(), "inserted")).isEqualTo(3);
        assertThat(kit.count("SELECT count(*) FROM logs")).isZero();
    }

    @Test
    void anOutcomeBeforeItsTicketEndsInTheSameRowAsAfterIt() throws Exception {
        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);
        // ticket 1: ticket, then outcome, in separate batches; ticket 2: outcome, then ticket
        kit.produceTickets(List.of(ticket(1).build()));
        produceOutcomes(List.of(redeemed(2, BigInteger.valueOf(1_000), 1, null)));
        kit.awaitCaughtUp(ticketTopics());
        assertThat(payment(1)).isEqualTo(Payment.NOT_CLAIMED);
        assertThat(kit.count("SELECT count(*) FROM winning_tickets WHERE ticket_hash = '" + hash(2) + "'")).isZero();

        produceOutcomes(List.of(redeemed(1, BigInteger.valueOf(1_000), 1, null)));
        kit.produceTickets(List.of(ticket(2).build()));
        kit.awaitCaughtUp(ticketTopics());

        // one ticket in its transaction: the whole transaction's gas is its share
        Payment claimed1 = new Payment("Claimed", null, "1000", hash(9_001), "21000000000000", 500_001L, RECORDED);
        assertThat(payment(1)).isEqualTo(claimed1);
        assertThat(payment(2)).isEqualTo(claimed1.withTx(hash(9_002), 500_002L));
        assertThat(projector.metrics().count(kit.tickets.name(), "inserted")).isEqualTo(2);
    }

    @Test
    void aTicketAndItsOutcomeInOneBatchInEitherOrderAndAReplayChangesNothing() throws Exception {
        // produced before the projector starts: its first polls are likely to hold both topics
        produceOutcomes(List.of(expired(1)));
        kit.produceTickets(List.of(ticket(1).build(), ticket(2).build()));
        produceOutcomes(List.of(expired(2)));
        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(ticketTopics());
        Payment expired = new Payment("Expired", "ticket is expired", "0", null, null, null, RECORDED);
        assertThat(payment(1)).isEqualTo(expired);
        assertThat(payment(2)).isEqualTo(expired);
        List<String> tickets = kit.dump("winning_tickets", "ticket_hash");
        List<String> outcomes = kit.dump("redemptions", "ticket_hash");

        // every record again, through a new projector (an operator deleted the offsets)
        projector.close();
        try (Connection c = kit.connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("DELETE FROM projector_offsets")).isPositive();
        }
        Projector again = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(ticketTopics());
        assertThat(again.metrics().count(kit.redemptions.name(), "duplicate")).isEqualTo(2);

        assertThat(kit.dump("winning_tickets", "ticket_hash")).isEqualTo(tickets);
        assertThat(kit.dump("redemptions", "ticket_hash")).isEqualTo(outcomes);
    }

    @Test
    void theFirstOutcomeOfATicketWinsBeforeAndAfterItsTicketArrives() throws Exception {
        Projector projector = kit.startProjector(kit.config(), BatchHook.NONE);
        // ticket 1: two outcomes before the ticket, in one batch; ticket 2: a second outcome after the first filled it
        produceOutcomes(List.of(failedOnChain(1), redeemed(1, BigInteger.TEN, 1, null)));
        kit.produceTickets(List.of(ticket(2).build()));
        produceOutcomes(List.of(expired(2)));
        kit.awaitCaughtUp(ticketTopics());
        kit.produceTickets(List.of(ticket(1).build()));
        produceOutcomes(List.of(redeemed(2, BigInteger.TEN, 1, null), failedOnChain(2)));
        kit.awaitCaughtUp(ticketTopics());

        assertThat(payment(1).status()).isEqualTo("Failed");
        assertThat(payment(1).txHash()).isEqualTo(hash(9_001));
        assertThat(payment(2)).isEqualTo(new Payment("Expired", "ticket is expired", "0", null, null, null, RECORDED));
        assertThat(kit.count("SELECT count(*) FROM redemptions")).isEqualTo(2);
        assertThat(projector.metrics().count(kit.redemptions.name(), "inserted")).isEqualTo(2);
        assertThat(projector.metrics().count(kit.redemptions.name(), "duplicate")).isEqualTo(3);
    }

    @Test
    void anOutcomeWithoutItsOwnTransactionKeepsTheTxHashAndGasTheOrchestratorReported() throws Exception {
        kit.produceTickets(List.of(ticket(1).setTxHash(hash(77)).setGasFees(new BigDecimal("123")).build()));
        produceOutcomes(List.of(outcome(1, RedemptionStatus.Failed).setReason("used by another transaction").build()));
        kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(ticketTopics());

        assertThat(payment(1)).isEqualTo(new Payment("Failed", "used by another transaction", "0", hash(77), "123", null,
                RECORDED));
    }

    @Test
    void refusedOutcomesAreSkippedAndLoggedAndTheNextOnesProjected() throws Exception {
        kit.produceTickets(List.of(ticket(1).build(), ticket(2).build(), ticket(3).build()));
        Redemption redeemedWithoutTx = outcome(1, RedemptionStatus.Redeemed).build();
        Redemption malformedHash = outcome(2, RedemptionStatus.Expired).setTicketHash("0x1234").build();
        Redemption negative = outcome(2, RedemptionStatus.Expired).setAmountTransferred(new BigDecimal(-1)).build();
        produceOutcomes(List.of(redeemedWithoutTx, malformedHash, negative, expired(3)));
        kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(ticketTopics());

        assertThat(kit.count("SELECT count(*) FROM logs WHERE topic = '" + kit.redemptions.name() + "'")).isEqualTo(3);
        assertThat(payment(1)).isEqualTo(Payment.NOT_CLAIMED);
        assertThat(payment(2)).isEqualTo(Payment.NOT_CLAIMED);
        assertThat(payment(3).status()).isEqualTo("Expired");
        assertThat(kit.count("SELECT count(*) FROM redemptions")).isEqualTo(1);
    }

    /**
     * Two projector transactions at once, one with the ticket and one with its outcome (two instances owning different
     * partitions): the one started second waits for the first to commit, then fills the row. Without the ticket lock
     * each would miss the other's uncommitted row and the ticket would stay Not claimed for ever.
     */
    @Test
    void concurrentTransactionsOfATicketAndItsOutcomeFillTheRowInEitherOrder() throws Exception {
        HikariDataSource db = kit.newPool();
        ReadModelDatabase.migrate(db);
        ProjectedTopic<WinningTicket> tickets = new ProjectedTopic<>(kit.tickets, unused(), new TicketRows());
        ProjectedTopic<Redemption> outcomes = new ProjectedTopic<>(kit.redemptions, unused(), new RedemptionRows());

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (boolean ticketFirst : new boolean[] {true, false}) {
                int n = ticketFirst ? 1 : 2;
                Batch ticketBatch = batch(tickets, ticket(n).build(), n);
                Batch outcomeBatch = batch(outcomes, redeemed(n, BigInteger.TEN, 1, null), n);
                CountDownLatch firstWrote = new CountDownLatch(1);
                CountDownLatch releaseFirst = new CountDownLatch(1);
                BatchHook holdOpen = (connection, b) -> {
                    firstWrote.countDown();
                    await(releaseFirst);
                };
                BatchWriter first = writer(db, "first-" + n, holdOpen);
                BatchWriter second = writer(db, "second-" + n, BatchHook.NONE);

                Future<BatchWriter.Written> firstDone = threads.submit(() -> first.write(ticketFirst ? ticketBatch : outcomeBatch, Map.of()));
                assertThat(firstWrote.await(30, TimeUnit.SECONDS)).isTrue();
                Future<BatchWriter.Written> secondDone = threads.submit(() -> second.write(ticketFirst ? outcomeBatch : ticketBatch, Map.of()));
                ProjectorTestKit.await("the second transaction waits on the ticket's lock", this::aTransactionWaitsOnAnAdvisoryLock);
                assertThat(secondDone).isNotDone();
                releaseFirst.countDown();
                assertThat(firstDone.get(30, TimeUnit.SECONDS)).isNotNull();
                assertThat(secondDone.get(30, TimeUnit.SECONDS)).isNotNull();

                assertThat(payment(n)).as(ticketFirst ? "ticket first" : "outcome first")
                        .isEqualTo(new Payment("Claimed", null, "10", hash(9_000 + n), "21000000000000", 500_000L + n, RECORDED));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private boolean aTransactionWaitsOnAnAdvisoryLock() {
        try {
            return kit.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void oneTransactionHoldingATicketAndItsOutcomeFillsTheRowWhicheverComesFirstInIt() throws Exception {
        HikariDataSource db = kit.newPool();
        ReadModelDatabase.migrate(db);
        ProjectedTopic<WinningTicket> tickets = new ProjectedTopic<>(kit.tickets, unused(), new TicketRows());
        ProjectedTopic<Redemption> outcomes = new ProjectedTopic<>(kit.redemptions, unused(), new RedemptionRows());
        RecordOrigin origin = new RecordOrigin(0, 0, RECORDED.toEpochMilli());
        Batch.Row<WinningTicket> ticket1 = new Batch.Row<>(tickets, ticket(1).build(), origin);
        Batch.Row<Redemption> outcome1 = new Batch.Row<>(outcomes, redeemed(1, BigInteger.TWO, 1, null), origin);
        Batch.Row<WinningTicket> ticket2 = new Batch.Row<>(tickets, ticket(2).build(), origin);
        Batch.Row<Redemption> outcome2 = new Batch.Row<>(outcomes, redeemed(2, BigInteger.TWO, 1, null), origin);

        write(writer(db, "ticket-first", BatchHook.NONE), new Batch(List.of(ticket1, outcome1), List.of(),
                Map.of(new TopicPartition("ticket-first", 0), 1L)));
        write(writer(db, "outcome-first", BatchHook.NONE), new Batch(List.of(outcome2, ticket2), List.of(),
                Map.of(new TopicPartition("outcome-first", 0), 1L)));

        Payment claimed1 = new Payment("Claimed", null, "2", hash(9_001), "21000000000000", 500_001L, RECORDED);
        assertThat(payment(1)).isEqualTo(claimed1);
        assertThat(payment(2)).isEqualTo(claimed1.withTx(hash(9_002), 500_002L));
    }

    /** V3 over a database at V2 that already holds tickets: they become Not claimed and take outcomes like new ones. */
    @Test
    void theMigrationAppliesOverAnExistingV2DatabaseWithTickets() throws Exception {
        HikariDataSource db = kit.newPool();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("2").load().migrate();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO winning_tickets (ticket_hash, orchestrator, recipient, sender, face_value, win_prob,"
                    + " sender_nonce, creation_round, creation_round_block_hash, tx_hash, gas_fees, key_id, request_id,"
                    + " received_at, kafka_partition, kafka_offset) VALUES ('" + hash(1) + "', '" + address(1) + "', '"
                    + address(1) + "', '" + address(101) + "', 5, 1, 0, 3600, '" + hash(2_001) + "', '" + hash(77)
                    + "', 99, 'key-1', 'req-old', now(), 0, 0)");
        }

        ReadModelDatabase.migrate(db);

        assertThat(payment(1)).isEqualTo(new Payment("Not claimed", null, null, hash(77), "99", null, null));
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(version) FROM flyway_schema_history")) {
            rs.next();
            assertThat(Integer.parseInt(rs.getString(1))).as("V3 and any later migration applied")
                    .isGreaterThanOrEqualTo(3);
        }
        produceOutcomes(List.of(redeemed(1, BigInteger.valueOf(5), 1, BigInteger.ONE)));
        kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(kit.redemptions.name());
        assertThat(payment(1)).isEqualTo(new Payment("Claimed", null, "5", hash(9_001), "1", 500_001L, RECORDED));
    }

    /** The gateway's ticket reads are index scans in page order, without a sort. */
    @Test
    void theWinningTicketReadsAreServedByIndexes() throws Exception {
        ReadModelDatabase.migrate(kit.newPool());
        Map<String, String> indexByRead = Map.of(
                "SELECT * FROM winning_tickets WHERE received_at >= now() - interval '30 days' AND received_at <= now()"
                        + " AND (received_at < now() OR (ticket_hash) > ('0x1')) ORDER BY received_at DESC, ticket_hash"
                        + " LIMIT 101", "winning_tickets_by_time",
                "SELECT * FROM winning_tickets WHERE received_at >= now() - interval '30 days' ORDER BY received_at DESC,"
                        + " ticket_hash LIMIT 101", "winning_tickets_by_time",
                "SELECT * FROM winning_tickets WHERE ticket_hash = '0x1'", "winning_tickets_pkey");
        try (Connection c = kit.connect(); Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            s.execute("SET enable_bitmapscan = off");
            s.execute("SET enable_sort = off");
            for (Map.Entry<String, String> read : indexByRead.entrySet()) {
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = s.executeQuery("EXPLAIN " + read.getKey())) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString()).as(read.getKey()).contains("Index Scan")
                        .contains(" using " + read.getValue() + " ").doesNotContain("Sort");
            }
        }
    }

    // ---- values ----

    /** The payment columns of one ticket's row, as text where they are wei. */
    record Payment(String status, String reason, String amountTransferred, String txHash, String gasFees,
            Long redeemedBlock, Instant redeemedAt) {
        static final Payment NOT_CLAIMED = new Payment("Not claimed", null, null, null, null, null, null);

        Payment withTx(String hash, long block) {
            return new Payment(status, reason, amountTransferred, hash, gasFees, block, redeemedAt);
        }
    }

    private Payment payment(int n) throws SQLException {
        try (Connection c = kit.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT payment_status, failure_reason, amount_transferred::text, tx_hash, gas_fees::text, redeemed_block,"
                        + " redeemed_at FROM winning_tickets WHERE ticket_hash = ?")) {
            s.setString(1, hash(n));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("ticket " + n + " projected").isTrue();
                long block = rs.getLong(6);
                Long redeemedBlock = rs.wasNull() ? null : block;
                OffsetDateTime at = rs.getObject(7, OffsetDateTime.class);
                return new Payment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        redeemedBlock, at == null ? null : at.toInstant());
            }
        }
    }

    private static WinningTicket.Builder ticket(int n) {
        return WinningTicket.newBuilder()
                .setRequestId("req-" + n)
                .setOrchestrator(address(1))
                .setKeyId("key-1")
                .setReceivedAt(Instant.parse("2025-06-01T12:00:00Z").plusSeconds(n))
                .setTicketHash(hash(n))
                .setRecipient(address(1))
                .setSender(address(100 + n))
                .setFaceValue(new BigDecimal(UINT256_MAX))
                .setWinProb(new BigDecimal(UINT256_MAX.shiftRight(3)))
                .setSenderNonce(new BigDecimal(n))
                .setRecipientRandHash(hash(1_000 + n))
                .setCreationRound(3_600)
                .setCreationRoundBlockHash(hash(2_000 + n))
                .setSig("0x" + "ab".repeat(65))
                .setRecipientRand(new BigDecimal(BigInteger.valueOf(424242)));
    }

    private static Redemption.Builder outcome(int n, RedemptionStatus status) {
        return Redemption.newBuilder()
                .setTicketHash(hash(n))
                .setSender(address(100 + n))
                .setRecipient(address(1))
                .setFaceValue(new BigDecimal(UINT256_MAX))
                .setStatus(status)
                .setAmountTransferred(BigDecimal.ZERO)
                .setRedeemerId("redeemer-test")
                .setAt(RECORDED);
    }

    /** Redeemed in tx hash(9000+n), block 500000+n, whose gas was 21e12 wei over {@code txTickets} tickets. */
    private static Redemption redeemed(int n, BigInteger amount, int txTickets, BigInteger gasShare) {
        return outcome(n, RedemptionStatus.Redeemed).setTxHash(hash(9_000 + n)).setBlockNumber(500_000L + n)
                .setTxGasCost(new BigDecimal("21000000000000")).setTxTickets(txTickets)
                .setGasShare(gasShare == null ? null : new BigDecimal(gasShare))
                .setAmountTransferred(new BigDecimal(amount)).build();
    }

    /** A revert mined on chain: a transaction, its block and gas, nothing transferred. */
    private static Redemption failedOnChain(int n) {
        return outcome(n, RedemptionStatus.Failed).setReason("sender deposit and reserve insufficient to cover ticket face value")
                .setTxHash(hash(9_000 + n)).setBlockNumber(500_000L + n).setTxGasCost(new BigDecimal("21000000000000"))
                .build();
    }

    private static Redemption expired(int n) {
        return outcome(n, RedemptionStatus.Expired).setReason("ticket is expired").build();
    }

    private void produceOutcomes(List<Redemption> outcomes) throws Exception {
        kit.produce(kit.redemptions, outcomes, Redemption::getTicketHash, r -> RECORDED);
    }

    // ---- two writers ----

    private static <V> Deserializer<V> unused() {
        return (topic, data) -> {
            throw new UnsupportedOperationException("rows are built by the test");
        };
    }

    private static <V> Batch batch(ProjectedTopic<V> topic, V value, int n) {
        TopicPartition partition = new TopicPartition(topic.name() + "-concurrent-" + n, 0);
        return new Batch(List.of(new Batch.Row<>(topic, value, new RecordOrigin(0, 0, RECORDED.toEpochMilli()))),
                List.of(), Map.of(partition, 1L));
    }

    private static BatchWriter writer(HikariDataSource db, String consumer, BatchHook hook) {
        return new BatchWriter(db, new OffsetStore(db, consumer),
                new SkippedRecords(consumer, new ProjectorMetrics(new SimpleMeterRegistry(), consumer)), hook);
    }

    private static BatchWriter.Written write(BatchWriter writer, Batch batch) {
        try {
            return writer.write(batch, Map.of());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
