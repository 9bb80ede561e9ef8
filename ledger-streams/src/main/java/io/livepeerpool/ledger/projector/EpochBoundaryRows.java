package io.livepeerpool.ledger.projector;

import io.livepeerpool.schemas.avro.EpochBoundary;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The ledger's epoch boundaries of the jobs partitions -> {@code job_boundaries}, and the {@code settled_round} of
 * the jobs they close: the jobs of the boundary's partition below its offset that no earlier boundary closed settle as
 * its round. Boundaries of the other sources ({@code payouts}, {@code payoutSettings}) are not the read model's: both
 * statements match no row for them (so they count as "duplicate" in the metrics).
 *
 * <p>Converges in any order: a job projected later takes its round at insert ({@link JobRows}); an earlier epoch's
 * boundary projected after a later one lowers the round of the jobs it closes ({@code settled_round > ?}); a refused
 * post is never set. Projecting a boundary again changes nothing. Concurrent instances: see {@link JobSettlement}.
 */
public final class EpochBoundaryRows implements RowMapper<EpochBoundary> {
    static final String JOBS = "jobs";

    /** Under the partition's lock ({@link JobSettlement#LOCK_PARTITION}, parameter 1; none for other sources). */
    static final String INSERT_BOUNDARY = JobSettlement.LOCK_PARTITION + """
            INSERT INTO job_boundaries (job_partition, epoch, round, job_offset, partitions, closed_at, kafka_partition,
                                        kafka_offset)
            SELECT ?, ?, ?, ?, ?, ?, ?, ? FROM partition_lock WHERE ? = 'jobs'
            ON CONFLICT (job_partition, epoch) DO NOTHING""";

    /**
     * The lower bound (the highest offset of an earlier epoch already known) only saves scanning jobs an earlier
     * boundary closes: they keep their lower round anyway.
     */
    static final String SETTLE_JOBS = """
            UPDATE transcoder_jobs j SET settled_round = ?
            WHERE ? = 'jobs' AND j.kafka_partition = ? AND j.kafka_offset < ?
              AND j.kafka_offset >= coalesce((SELECT max(b.job_offset) FROM job_boundaries b
                                              WHERE b.job_partition = ? AND b.epoch < ?), 0)
              AND (j.settled_round IS NULL OR j.settled_round > ?)
              AND NOT EXISTS (SELECT 1 FROM job_refusals r
                              WHERE r.job_partition = j.kafka_partition AND r.job_offset = j.kafka_offset)""";

    private static final List<RowStatement<EpochBoundary>> STATEMENTS = List.of(
            new RowStatement<>(INSERT_BOUNDARY, EpochBoundaryRows::bindBoundary),
            new RowStatement<>(SETTLE_JOBS, EpochBoundaryRows::bindSettle));

    @Override
    public List<RowStatement<EpochBoundary>> statements() {
        return STATEMENTS;
    }

    private static void bindBoundary(PreparedStatement statement, EpochBoundary boundary, RecordOrigin origin)
            throws SQLException {
        statement.setObject(1, JOBS.equals(boundary.getSource()) ? boundary.getPartition() : null, Types.INTEGER);
        statement.setInt(2, boundary.getPartition());
        statement.setLong(3, boundary.getEpoch());
        statement.setLong(4, boundary.getRound());
        statement.setLong(5, boundary.getOffset());
        statement.setInt(6, boundary.getPartitions());
        statement.setObject(7, origin.timestamp(), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(8, origin.partition());
        statement.setLong(9, origin.offset());
        statement.setString(10, boundary.getSource());
    }

    private static void bindSettle(PreparedStatement statement, EpochBoundary boundary, RecordOrigin origin)
            throws SQLException {
        statement.setLong(1, boundary.getRound());
        statement.setString(2, boundary.getSource());
        statement.setInt(3, boundary.getPartition());
        statement.setLong(4, boundary.getOffset());
        statement.setInt(5, boundary.getPartition());
        statement.setLong(6, boundary.getEpoch());
        statement.setLong(7, boundary.getRound());
    }
}
