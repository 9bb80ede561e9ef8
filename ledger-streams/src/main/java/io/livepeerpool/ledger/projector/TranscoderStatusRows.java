package io.livepeerpool.ledger.projector;

import io.livepeerpool.schemas.avro.TranscoderStatus;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Status records -> {@code transcoder_status}: one row per transcoder, its latest status and latency figures. The
 * performance topology writes one transcoder's records to one partition in order, so a later offset is newer; a
 * replayed older record changes nothing.
 */
public final class TranscoderStatusRows implements RowMapper<TranscoderStatus> {

    static final String UPSERT_STATUS = """
            INSERT INTO transcoder_status (transcoder, status, max_sessions, reason, since, cause, registration_id,
                p50_ms, p95_ms, samples, at, kafka_partition, kafka_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (transcoder) DO UPDATE SET status = EXCLUDED.status, max_sessions = EXCLUDED.max_sessions,
                reason = EXCLUDED.reason, since = EXCLUDED.since, cause = EXCLUDED.cause,
                registration_id = EXCLUDED.registration_id, p50_ms = EXCLUDED.p50_ms, p95_ms = EXCLUDED.p95_ms,
                samples = EXCLUDED.samples, at = EXCLUDED.at, kafka_partition = EXCLUDED.kafka_partition,
                kafka_offset = EXCLUDED.kafka_offset
            WHERE transcoder_status.kafka_partition <> EXCLUDED.kafka_partition
               OR transcoder_status.kafka_offset < EXCLUDED.kafka_offset""";

    private static final List<RowStatement<TranscoderStatus>> STATEMENTS =
            List.of(new RowStatement<>(UPSERT_STATUS, TranscoderStatusRows::bind));

    @Override
    public List<RowStatement<TranscoderStatus>> statements() {
        return STATEMENTS;
    }

    private static void bind(PreparedStatement statement, TranscoderStatus s, RecordOrigin origin) throws SQLException {
        statement.setString(1, s.getTranscoder());
        statement.setString(2, s.getStatus());
        statement.setInt(3, s.getMaxSessions());
        statement.setString(4, s.getReason());
        statement.setObject(5, utc(s.getSince()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(6, s.getCause());
        statement.setString(7, s.getRegistrationId());
        statement.setLong(8, s.getP50Ms());
        statement.setLong(9, s.getP95Ms());
        statement.setInt(10, s.getSamples());
        statement.setObject(11, utc(s.getAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(12, origin.partition());
        statement.setLong(13, origin.offset());
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
