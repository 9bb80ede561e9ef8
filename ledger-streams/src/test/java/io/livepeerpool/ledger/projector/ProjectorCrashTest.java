package io.livepeerpool.ledger.projector;

import static io.livepeerpool.ledger.projector.ProjectorTestKit.address;
import static io.livepeerpool.ledger.projector.ProjectorTestKit.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.schemas.avro.TranscoderJob;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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
