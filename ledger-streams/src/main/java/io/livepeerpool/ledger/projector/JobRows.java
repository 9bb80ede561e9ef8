package io.livepeerpool.ledger.projector;

import io.livepeerpool.ledger.weight.JobWeight;
import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.TranscoderJob;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Transcoder jobs -> {@code transcoder_jobs}. A job id counts once per orchestrator: the first record projected for an
 * (orchestrator, jobId) wins and later ones never rewrite it ({@code DO NOTHING}), so a re-post cannot change a job
 * the ledger has already weighted. Later posts are kept in {@code job_reposts}: if the row's post turns out refused,
 * the first later post not refused, the one the ledger counted, becomes the row
 * ({@link JobSettlement#ELECT_COUNTED_POST}).
 *
 * <p>The ledger's figures of the job ({@link JobSettlement}): {@code weight} ({@link JobWeight}, with the ledger's
 * {@code ledger.weight.*} coefficients) and {@code settled_round} (the round of the first epoch boundary of the job's
 * partition above its offset, if one is already in {@code job_boundaries}; {@link EpochBoundaryRows} fills the
 * rest), both null when this post is known refused ({@code job_refusals}; {@link JobRefusalRows} nulls them when the
 * refusal comes later).
 */
public final class JobRows implements RowMapper<TranscoderJob> {

    /** Under the partition's lock ({@link JobSettlement#LOCK_PARTITION}, parameter 1). */
    static final String INSERT_JOB = JobSettlement.LOCK_PARTITION + """
            INSERT INTO transcoder_jobs (orchestrator, job_id, transcoder, pixels, duration_ms, profiles, round_job,
                                         face_value, key_id, request_id, received_at, kafka_partition, kafka_offset,
                                         weight)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM partition_lock
            ON CONFLICT (orchestrator, job_id) DO NOTHING""";

    /** A later post of a job id already in the table (under another post): kept for {@code ELECT_COUNTED_POST}. */
    static final String KEEP_REPOST = """
            INSERT INTO job_reposts (kafka_partition, kafka_offset, orchestrator, job_id, transcoder, pixels, duration_ms,
                                     profiles, round_job, face_value, weight, key_id, request_id, received_at)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
            WHERE EXISTS (SELECT 1 FROM transcoder_jobs j WHERE j.orchestrator = ? AND j.job_id = ?
                            AND (j.kafka_partition, j.kafka_offset) <> (?, ?))
            ON CONFLICT (kafka_partition, kafka_offset) DO NOTHING""";

    private final List<RowStatement<TranscoderJob>> statements;

    public JobRows(JobWeight weights) {
        Objects.requireNonNull(weights, "weights");
        statements = List.of(
                new RowStatement<>(INSERT_JOB, (statement, job, origin) -> bindJob(statement, job, origin, weights)),
                new RowStatement<>(KEEP_REPOST, (statement, job, origin) -> bindRepost(statement, job, origin, weights)),
                new RowStatement<>(JobSettlement.ELECT_COUNTED_POST, (statement, job, origin) -> {
                    statement.setString(1, job.getOrchestrator());
                    statement.setString(2, job.getJobId());
                }),
                new RowStatement<>(JobSettlement.SETTLE_POST, (statement, job, origin) -> bindPost(statement, origin)));
    }

    @Override
    public List<RowStatement<TranscoderJob>> statements() {
        return statements;
    }

    private static void bindJob(PreparedStatement statement, TranscoderJob job, RecordOrigin origin, JobWeight weights)
            throws SQLException {
        statement.setInt(1, origin.partition());
        statement.setString(2, job.getOrchestrator());
        statement.setString(3, job.getJobId());
        statement.setString(4, job.getTranscoder());
        statement.setLong(5, job.getPixels());
        statement.setLong(6, job.getDurationMs());
        statement.setInt(7, job.getProfiles());
        statement.setLong(8, job.getRoundJob());
        statement.setBigDecimal(9, Uint256.wholeWei(job.getFaceValue(), "faceValue"));
        statement.setString(10, job.getKeyId());
        statement.setString(11, job.getRequestId());
        statement.setObject(12, OffsetDateTime.ofInstant(job.getReceivedAt(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(13, origin.partition());
        statement.setLong(14, origin.offset());
        statement.setBigDecimal(15, new BigDecimal(weights.of(job.getPixels(), job.getDurationMs(), job.getProfiles())));
    }

    private static void bindRepost(PreparedStatement statement, TranscoderJob job, RecordOrigin origin,
            JobWeight weights) throws SQLException {
        statement.setInt(1, origin.partition());
        statement.setLong(2, origin.offset());
        statement.setString(3, job.getOrchestrator());
        statement.setString(4, job.getJobId());
        statement.setString(5, job.getTranscoder());
        statement.setLong(6, job.getPixels());
        statement.setLong(7, job.getDurationMs());
        statement.setInt(8, job.getProfiles());
        statement.setLong(9, job.getRoundJob());
        statement.setBigDecimal(10, Uint256.wholeWei(job.getFaceValue(), "faceValue"));
        statement.setBigDecimal(11, new BigDecimal(weights.of(job.getPixels(), job.getDurationMs(), job.getProfiles())));
        statement.setString(12, job.getKeyId());
        statement.setString(13, job.getRequestId());
        statement.setObject(14, OffsetDateTime.ofInstant(job.getReceivedAt(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(15, job.getOrchestrator());
        statement.setString(16, job.getJobId());
        statement.setInt(17, origin.partition());
        statement.setLong(18, origin.offset());
    }

    /** {@link JobSettlement#SETTLE_POST} for this post: a duplicate's post is no row and matches nothing. */
    static void bindPost(PreparedStatement statement, RecordOrigin origin) throws SQLException {
        statement.setInt(1, origin.partition());
        statement.setLong(2, origin.offset());
        statement.setInt(3, origin.partition());
        statement.setLong(4, origin.offset());
    }
}
