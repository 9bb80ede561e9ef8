package io.livepeerpool.ledger.projector;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.TranscoderJob;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Transcoder jobs -> {@code transcoder_jobs}. A job id counts once per orchestrator: the first record projected for an
 * (orchestrator, jobId) wins and later ones are dropped ({@code DO NOTHING}), never merged, so a re-post cannot
 * rewrite a job the ledger has already weighted. {@code weight} and {@code settled_round} belong to the ledger and
 * are left null here.
 */
public final class JobRows implements RowMapper<TranscoderJob> {

    static final String INSERT_JOB = """
            INSERT INTO transcoder_jobs (orchestrator, job_id, transcoder, pixels, duration_ms, profiles, round_job,
                                         face_value, key_id, request_id, received_at, kafka_partition, kafka_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (orchestrator, job_id) DO NOTHING""";

    private static final List<RowStatement<TranscoderJob>> STATEMENTS =
            List.of(new RowStatement<>(INSERT_JOB, JobRows::bindJob));

    @Override
    public List<RowStatement<TranscoderJob>> statements() {
        return STATEMENTS;
    }

    private static void bindJob(PreparedStatement statement, TranscoderJob job, RecordOrigin origin)
            throws SQLException {
        statement.setString(1, job.getOrchestrator());
        statement.setString(2, job.getJobId());
        statement.setString(3, job.getTranscoder());
        statement.setLong(4, job.getPixels());
        statement.setLong(5, job.getDurationMs());
        statement.setInt(6, job.getProfiles());
        statement.setLong(7, job.getRoundJob());
        statement.setBigDecimal(8, Uint256.wholeWei(job.getFaceValue(), "faceValue"));
        statement.setString(9, job.getKeyId());
        statement.setString(10, job.getRequestId());
        statement.setObject(11, OffsetDateTime.ofInstant(job.getReceivedAt(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(12, origin.partition());
        statement.setLong(13, origin.offset());
    }
}
