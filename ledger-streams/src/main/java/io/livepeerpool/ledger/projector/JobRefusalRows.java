package io.livepeerpool.ledger.projector;

import io.livepeerpool.schemas.avro.JobRefusal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The ledger's job refusals -> {@code job_refusals}, one row per refused post keyed by its topic partition and
 * offset (the same job id may be refused again, each post is reported), {@code DO NOTHING} so that projecting again
 * changes nothing. {@code refused_at} is the record's timestamp. A refused post never counts: when it is the job's
 * row in {@code transcoder_jobs} (found by the post's partition and offset, JobRefusal v2), its {@code weight} and
 * {@code settled_round} are nulled, whichever of the job, its boundary and the refusal was projected first.
 */
public final class JobRefusalRows implements RowMapper<JobRefusal> {

    /** Under the post's partition lock ({@link JobSettlement#LOCK_PARTITION}, parameter 1). */
    static final String INSERT_REFUSAL = JobSettlement.LOCK_PARTITION + """
            INSERT INTO job_refusals (kafka_partition, kafka_offset, orchestrator, job_id, transcoder, round_job,
                                      reason, current_round, refused_at, job_partition, job_offset)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM partition_lock
            ON CONFLICT (kafka_partition, kafka_offset) DO NOTHING""";

    private static final List<RowStatement<JobRefusal>> STATEMENTS = List.of(
            new RowStatement<>(INSERT_REFUSAL, JobRefusalRows::bindRefusal),
            new RowStatement<>(JobSettlement.ELECT_COUNTED_POST, (statement, refusal, origin) -> {
                statement.setString(1, refusal.getOrchestrator());
                statement.setString(2, refusal.getJobId());
            }),
            new RowStatement<>(JobSettlement.SETTLE_POST, JobRefusalRows::bindPost));

    @Override
    public List<RowStatement<JobRefusal>> statements() {
        return STATEMENTS;
    }

    private static void bindRefusal(PreparedStatement statement, JobRefusal refusal, RecordOrigin origin)
            throws SQLException {
        statement.setObject(1, refusal.getJobPartition(), Types.INTEGER);
        statement.setInt(2, origin.partition());
        statement.setLong(3, origin.offset());
        statement.setString(4, refusal.getOrchestrator());
        statement.setString(5, refusal.getJobId());
        statement.setString(6, refusal.getTranscoder());
        statement.setLong(7, refusal.getRoundJob());
        statement.setString(8, refusal.getReason());
        statement.setLong(9, refusal.getCurrentRound());
        statement.setObject(10, origin.timestamp(), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setObject(11, refusal.getJobPartition(), Types.INTEGER);
        statement.setObject(12, refusal.getJobOffset(), Types.BIGINT);
    }

    /** A refusal written before v2 names no post: it matches no row. */
    private static void bindPost(PreparedStatement statement, JobRefusal refusal, RecordOrigin origin)
            throws SQLException {
        for (int i : new int[] {1, 3}) {
            statement.setObject(i, refusal.getJobPartition(), Types.INTEGER);
            statement.setObject(i + 1, refusal.getJobOffset(), Types.BIGINT);
        }
    }
}
