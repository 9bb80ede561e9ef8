package io.livepeerpool.ledger.projector;

import static io.livepeerpool.ledger.projector.ProjectorTestKit.address;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.ledger.settlement.Balances;
import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderJob;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected inside the batch transaction, after every row and offset statement and just before the commit: the
 * worst moment for a projector that keeps rows and positions apart.
 */
class ProjectorCrashTest {
    private static final int DISTINCT_JOBS = 1_500;
    private static final int CRASH_AT_BATCH = 4;
    private static final int ROUNDS = 25;
    private static final int TRANSCODERS = 12;

    private ProjectorTestKit kit;
    /** (orchestrator/jobId) -> "partition@offset" of its first record: the row that must be in the table. */
    private final Map<String, String> firstRecord = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        kit = new ProjectorTestKit();
    }

    @AfterEach
    void tearDown() {
        kit.close();
    }

    /** Every 4th job is posted again a little later (same transcoder, so same partition, later offset). */
    private void produceJobsWithRepeats() throws Exception {
        List<TranscoderJob> jobs = new ArrayList<>();
        for (int i = 0; i < DISTINCT_JOBS; i++) {
            jobs.add(job(address(1 + i % 2), "job-" + i, address(100 + i % 17), 1_000 + i, BigInteger.valueOf(i)));
            if (i % 4 == 3) {
                jobs.add(job(address(1 + (i - 2) % 2), "job-" + (i - 2), address(100 + (i - 2) % 17), 7, BigInteger.TEN));
            }
        }
        List<RecordMetadata> acked = kit.produceJobs(jobs);
        for (int i = 0; i < jobs.size(); i++) {
            firstRecord.putIfAbsent(jobs.get(i).getOrchestrator() + "/" + jobs.get(i).getJobId(),
                    acked.get(i).partition() + "@" + acked.get(i).offset());
        }
        assertThat(firstRecord).hasSize(DISTINCT_JOBS);
    }

    @Test
    void projectorKilledMidBatchAndRestartedLosesNoRowAndDoublesNone() throws Exception {
        produceJobsWithRepeats();
        AtomicInteger batches = new AtomicInteger();
        AtomicReference<Throwable> seenFromOutside = new AtomicReference<>();
        BatchHook crashOnFourthBatch = (connection, batch) -> {
            if (batches.incrementAndGet() == CRASH_AT_BATCH) {
                seenFromOutside.set(checkNothingVisibleOutside(connection, batch));
                connection.abort(Runnable::run); // the process dies: the server sees the socket close
                throw new SimulatedCrash();
            }
        };
        Projector first = kit.startProjector(kit.config(), crashOnFourthBatch);
        ProjectorTestKit.await("the consumer thread died", () -> first.thread() != null && !first.thread().isAlive());
        assertThat(seenFromOutside.get()).as("rows or offsets of the open transaction were visible outside it")
                .isNull();
        assertThat(first.healthy()).isFalse();
        first.close();
        long rowsAfterCrash = kit.count("SELECT count(*) FROM transcoder_jobs");
        assertThat(rowsAfterCrash).as("3 batches of 100 committed, the 4th rolled back").isBetween(1L, 300L);
        Map<TopicPartition, Long> ends = kit.endOffsets(kit.jobs.name());
        assertThat(kit.storedOffsets()).isNotEmpty().isNotEqualTo(ends);

        try (Admin admin = kit.admin()) {
            assertThat(admin.listConsumerGroupOffsets(kit.consumerName).partitionsToOffsetAndMetadata().get())
                    .as("offsets committed to Kafka").isEmpty();
            // make Kafka claim everything was consumed: a projector resuming from Kafka would now skip the rest
            Map<TopicPartition, OffsetAndMetadata> lie = new HashMap<>();
            ends.forEach((tp, end) -> lie.put(tp, new OffsetAndMetadata(end)));
            admin.alterConsumerGroupOffsets(kit.consumerName, lie).all().get();
        }

        Projector restarted = kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(kit.jobs.name());

        assertExactlyTheFirstRecordOfEveryJob();
        assertThat(kit.count("SELECT count(*) FROM logs")).isZero();
        assertThat(restarted.healthy()).isTrue();
    }

    @Test
    void transientDatabaseFailureRollsBackAndRetriesTheSameBatch() throws Exception {
        produceJobsWithRepeats();
        AtomicInteger batches = new AtomicInteger();
        BatchHook dropConnectionOnThirdBatch = (connection, batch) -> {
            if (batches.incrementAndGet() == 3) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SELECT pg_terminate_backend(pg_backend_pid())"); // the server ends the session
                }
            }
        };
        Projector projector = kit.startProjector(kit.config(), dropConnectionOnThirdBatch);

        kit.awaitCaughtUp(kit.jobs.name());

        assertExactlyTheFirstRecordOfEveryJob();
        assertThat(projector.metrics().failureCount()).isEqualTo(1);
        assertThat(projector.metrics().count(kit.jobs.name(), "inserted")).isEqualTo(DISTINCT_JOBS);
        assertThat(projector.metrics().count(kit.jobs.name(), "duplicate")).isEqualTo(firstRecordRepeats());
        assertThat(kit.count("SELECT count(*) FROM logs")).isZero();
        assertThat(projector.healthy()).isTrue();
    }

    @Test
    void twoInstancesWithOneConsumerNameShareThePartitionsAndHandOver() throws Exception {
        Projector one = kit.startProjector(kit.config().withBatchMax(10), BatchHook.NONE);
        Projector two = kit.startProjector(kit.config().withBatchMax(10), BatchHook.NONE);
        ProjectorTestKit.await("both instances have partitions", this::twoMembersWithPartitions);
        produceJobsWithRepeats();
        ProjectorTestKit.await("both instances projected rows", () ->
                one.metrics().count(kit.jobs.name(), "inserted") > 0 && two.metrics().count(kit.jobs.name(), "inserted") > 0);
        one.close(); // its partitions move to the other instance, which resumes from the stored offsets

        kit.awaitCaughtUp(kit.jobs.name());

        assertExactlyTheFirstRecordOfEveryJob();
        assertThat(two.healthy()).isTrue();
    }

    /**
     * Settlements, allocations (two tables: rows and balances) and payout requests, the projector killed inside a
     * batch holding allocations. Payouts committed before the crash are then marked Paid, as the payout worker would.
     * After the restart every ledger row is there once, each balance is the one of the newest round, and no Paid
     * status was overwritten.
     */
    @Test
    void ledgerRecordsInABatchKilledBeforeCommitAreNeitherLostNorDoubled() throws Exception {
        LedgerRecords ledger = produceLedger();
        AtomicInteger batches = new AtomicInteger();
        AtomicReference<Throwable> seenFromOutside = new AtomicReference<>();
        AtomicInteger allocationsInCrashedBatch = new AtomicInteger();
        BatchHook crashInABatchWithAllocations = (connection, batch) -> {
            long allocations = batch.rows().stream().filter(r -> r.topic().name().equals(kit.allocations.name())).count();
            if (batches.incrementAndGet() >= 2 && allocations > 0) {
                allocationsInCrashedBatch.set((int) allocations);
                seenFromOutside.set(checkLedgerNotVisibleOutside(connection, batch));
                connection.abort(Runnable::run);
                throw new SimulatedCrash();
            }
        };
        Projector first = kit.startProjector(kit.config(), crashInABatchWithAllocations);
        ProjectorTestKit.await("the consumer thread died", () -> first.thread() != null && !first.thread().isAlive());
        first.close();
        assertThat(seenFromOutside.get()).as("rows or offsets of the open transaction were visible outside it")
                .isNull();
        assertThat(allocationsInCrashedBatch.get()).isPositive();
        long allocationsAfterCrash = kit.count("SELECT count(*) FROM allocations");
        assertThat(allocationsAfterCrash).isLessThan(ledger.allocations.size());
        long paidBeforeRestart;
        try (Connection c = kit.connect(); Statement s = c.createStatement()) {
            paidBeforeRestart = s.executeUpdate("UPDATE rewards_payments SET status = 'Paid', tx_hash = '0x"
                    + "bb".repeat(32) + "', paid_at = now()");
        }
        String[] topics = {kit.settlements.name(), kit.allocations.name(), kit.payouts.name()};
        Map<TopicPartition, Long> ends = kit.endOffsets(topics);
        try (Admin admin = kit.admin()) {
            assertThat(admin.listConsumerGroupOffsets(kit.consumerName).partitionsToOffsetAndMetadata().get())
                    .as("offsets committed to Kafka").isEmpty();
            Map<TopicPartition, OffsetAndMetadata> lie = new HashMap<>();
            ends.forEach((tp, end) -> lie.put(tp, new OffsetAndMetadata(end)));
            admin.alterConsumerGroupOffsets(kit.consumerName, lie).all().get();
        }

        kit.startProjector(kit.config(), BatchHook.NONE);
        kit.awaitCaughtUp(topics);

        assertThat(rows("SELECT round || '/' || transcoder || '=' || balance_after || ' at ' || kafka_partition || '@'"
                + " || kafka_offset FROM allocations")).containsExactlyInAnyOrderElementsOf(ledger.allocations);
        assertThat(rows("SELECT transcoder || '=' || balance || ' as of ' || as_of_round FROM transcoder_balances"))
                .containsExactlyInAnyOrderElementsOf(ledger.balances.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue() + " as of " + ROUNDS).toList());
        assertThat(rows("SELECT round::text FROM settlements")).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, ROUNDS).mapToObj(Long::toString).toList());
        assertThat(rows("SELECT payout_id || '=' || amount FROM rewards_payments"))
                .containsExactlyInAnyOrderElementsOf(ledger.payouts);
        assertThat(kit.count("SELECT count(*) FROM rewards_payments WHERE status = 'Paid'")).isEqualTo(paidBeforeRestart);
        assertThat(kit.count("SELECT count(*) FROM rewards_payments WHERE status = 'Paid' AND tx_hash IS NULL")).isZero();
        assertThat(kit.count("SELECT count(*) FROM logs")).isZero();
    }

    /** What the projection must end with: allocations with where they are in Kafka, balances, payout requests. */
    private record LedgerRecords(List<String> allocations, Map<String, BigInteger> balances,
            List<String> payouts) {
    }

    /** A ledger's output computed with the ledger's own balance step, in the order the ledger writes it. */
    private LedgerRecords produceLedger() throws Exception {
        BigInteger threshold = new BigInteger("10000000000000000000");
        List<Settlement> settlements = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        List<PayoutRequest> payouts = new ArrayList<>();
        Map<String, BigInteger> balances = new TreeMap<>();
        for (long round = 1; round <= ROUNDS; round++) {
            BigInteger distributed = BigInteger.ZERO;
            for (int i = 0; i < TRANSCODERS; i++) {
                String transcoder = address(200 + i);
                BigInteger amount = BigInteger.valueOf(round * 1_000 + i).multiply(BigInteger.TEN.pow(15));
                var step = Balances.credit(transcoder,
                        balances.getOrDefault(transcoder, BigInteger.ZERO), amount, round, threshold);
                balances.put(transcoder, step.balance());
                allocations.add(ProjectorTestKit.allocation(round, transcoder, BigInteger.valueOf(i + 1), amount,
                        step.balance()));
                step.payout().ifPresent(p -> payouts.add(ProjectorTestKit.payout(p.round(), p.transcoder(), p.amount())));
                distributed = distributed.add(amount);
            }
            settlements.add(Settlement.newBuilder().setRound(round)
                    .setRevenue(new BigDecimal(distributed)).setTotalWeight(BigDecimal.valueOf(78))
                    .setPoolFee(BigDecimal.ZERO).setDistributed(new BigDecimal(distributed))
                    .setCarriedRevenue(BigDecimal.ZERO).setAllocations(List.of()).build());
        }
        Instant at = Instant.parse("2025-06-02T00:00:00Z");
        kit.produceSettlements(settlements, at);
        List<RecordMetadata> acked = kit.produceAllocations(allocations, at);
        kit.producePayouts(payouts, at);
        assertThat(payouts).hasSizeGreaterThan(TRANSCODERS);
        List<String> expectedAllocations = new ArrayList<>();
        for (int i = 0; i < allocations.size(); i++) {
            var a = allocations.get(i);
            expectedAllocations.add(a.getRound() + "/" + a.getTranscoder() + "=" + a.getBalanceAfter().toPlainString()
                    + " at " + acked.get(i).partition() + "@" + acked.get(i).offset());
        }
        return new LedgerRecords(expectedAllocations, balances,
                payouts.stream().map(p -> p.getPayoutId() + "=" + p.getAmount().toPlainString()).toList());
    }

    /** Inside the transaction the batch's allocations, balances and offsets are there; outside, none of them. */
    private Throwable checkLedgerNotVisibleOutside(Connection inside, Batch batch) {
        try (Connection outside = kit.connect()) {
            assertThat(count(inside, "SELECT count(*) FROM allocations"))
                    .isGreaterThan(count(outside, "SELECT count(*) FROM allocations"));
            String balances = "SELECT transcoder || '=' || balance || '@' || as_of_round FROM transcoder_balances"
                    + " ORDER BY transcoder";
            assertThat(rows(inside, balances)).isNotEqualTo(rows(outside, balances));
            Map<TopicPartition, Long> outsideOffsets = kit.storedOffsets(outside, false);
            assertThat(kit.storedOffsets(inside, false)).containsAllEntriesOf(batch.nextOffsets());
            batch.nextOffsets().forEach((tp, next) ->
                    assertThat(outsideOffsets.getOrDefault(tp, 0L)).as("offset of " + tp + " outside").isLessThan(next));
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection c = kit.connect()) {
            return rows(c, sql);
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private boolean twoMembersWithPartitions() {
        try (Admin admin = kit.admin()) {
            var members = admin.describeConsumerGroups(List.of(kit.consumerName)).all().get().get(kit.consumerName)
                    .members();
            return members.size() == 2
                    && members.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        } catch (Exception e) {
            return false;
        }
    }

    private long firstRecordRepeats() {
        return DISTINCT_JOBS / 4;
    }

    private void assertExactlyTheFirstRecordOfEveryJob() throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = kit.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT orchestrator, job_id, kafka_partition, kafka_offset FROM transcoder_jobs")) {
            while (rs.next()) {
                String key = rs.getString(1) + "/" + rs.getString(2);
                assertThat(rows.put(key, rs.getInt(3) + "@" + rs.getLong(4))).as("doubled " + key).isNull();
            }
        }
        assertThat(rows).hasSize(DISTINCT_JOBS).isEqualTo(firstRecord);
    }

    /**
     * Inside the transaction the batch's rows and offsets are there; from another connection none of them may be.
     * Returns the failed assertion rather than throwing it on the projector's thread.
     */
    private Throwable checkNothingVisibleOutside(Connection inside, Batch batch) {
        try (Connection outside = kit.connect()) {
            long insideRows = count(inside, "SELECT count(*) FROM transcoder_jobs");
            long outsideRows = count(outside, "SELECT count(*) FROM transcoder_jobs");
            assertThat(batch.rows()).isNotEmpty();
            assertThat(insideRows).as("rows inside vs outside").isGreaterThan(outsideRows);
            Map<TopicPartition, Long> insideOffsets = kit.storedOffsets(inside, false);
            Map<TopicPartition, Long> outsideOffsets = kit.storedOffsets(outside, false);
            assertThat(insideOffsets).containsAllEntriesOf(batch.nextOffsets());
            batch.nextOffsets().forEach((tp, next) ->
                    assertThat(outsideOffsets.getOrDefault(tp, 0L)).as("offset of " + tp + " outside").isLessThan(next));
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Stands for the process dying: not an Exception, so nothing in the projector catches it. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash before commit");
        }
    }
}
