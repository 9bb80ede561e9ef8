package io.livepeerpool.ledger.projector;

import io.livepeerpool.schemas.avro.JobRefusal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The ledger's job refusals -> {@code job_refusals}, one row per refused post keyed by its topic partition and
 * offset (the same job id may be refused again, each post is reported), {@code DO NOTHING} so that projecting again
 * changes nothing. {@code refused_at} is the record's timestamp.
 */
public final class JobRefusalRows implements RowMapper<JobRefusal> {

    static final String INSERT_REFUSAL = """
            INSERT INTO job_refusals (kafka_partition, kafka_offset, orchestrator, job_id, transcoder, round_job,
                                      reason, current_round, refused_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (kafka_partition, kafka_offset) DO NOTHING""";

    private static final List<RowStatement<JobRefusal>> STATEMENTS =
            List.of(new RowStatement<>(INSERT_REFUSAL, JobRefusalRows::bindRefusal));

    @Override
    public List<RowStatement<JobRefusal>> statements() {
        return STATEMENTS;
    }

    private static void bindRefusal(PreparedStatement statement, JobRefusal refusal, RecordOrigin origin)
            throws SQLException {
        statement.setInt(1, origin.partition());
        statement.setLong(2, origin.offset());
        statement.setString(3, refusal.getOrchestrator());
        statement.setString(4, refusal.getJobId());
        statement.setString(5, refusal.getTranscoder());
        statement.setLong(6, refusal.getRoundJob());
        statement.setString(7, refusal.getReason());
        statement.setLong(8, refusal.getCurrentRound());
        statement.setObject(9, origin.timestamp(), Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
