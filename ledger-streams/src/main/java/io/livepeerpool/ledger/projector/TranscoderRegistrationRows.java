package io.livepeerpool.ledger.projector;

import io.livepeerpool.schemas.avro.TranscoderRegistration;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Registrations -> {@code transcoder_registrations}: the latest registration (benchmark and decision) of each
 * transcoder. A transcoder's registrations share a partition, so a later offset is a later registration; an older
 * record projected again leaves the row as it is.
 */
public final class TranscoderRegistrationRows implements RowMapper<TranscoderRegistration> {

    static final String UPSERT_REGISTRATION = """
            INSERT INTO transcoder_registrations (transcoder, request_id, orchestrator, key_id, realtime_ratio,
                latency_ms, download_mbps, upload_mbps, gpu, profiles, status, max_sessions, reason, estimate_ms,
                received_at, kafka_partition, kafka_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (transcoder) DO UPDATE SET request_id = EXCLUDED.request_id,
                orchestrator = EXCLUDED.orchestrator, key_id = EXCLUDED.key_id,
                realtime_ratio = EXCLUDED.realtime_ratio, latency_ms = EXCLUDED.latency_ms,
                download_mbps = EXCLUDED.download_mbps, upload_mbps = EXCLUDED.upload_mbps, gpu = EXCLUDED.gpu,
                profiles = EXCLUDED.profiles, status = EXCLUDED.status, max_sessions = EXCLUDED.max_sessions,
                reason = EXCLUDED.reason, estimate_ms = EXCLUDED.estimate_ms, received_at = EXCLUDED.received_at,
                kafka_partition = EXCLUDED.kafka_partition, kafka_offset = EXCLUDED.kafka_offset
            WHERE transcoder_registrations.kafka_partition <> EXCLUDED.kafka_partition
               OR transcoder_registrations.kafka_offset < EXCLUDED.kafka_offset""";

    private static final List<RowStatement<TranscoderRegistration>> STATEMENTS =
            List.of(new RowStatement<>(UPSERT_REGISTRATION, TranscoderRegistrationRows::bind));

    @Override
    public List<RowStatement<TranscoderRegistration>> statements() {
        return STATEMENTS;
    }

    private static void bind(PreparedStatement statement, TranscoderRegistration r, RecordOrigin origin)
            throws SQLException {
        statement.setString(1, r.getTranscoder());
        statement.setString(2, r.getRequestId());
        statement.setString(3, r.getOrchestrator());
        statement.setString(4, r.getKeyId());
        statement.setBigDecimal(5, decimal(r.getRealtimeRatio(), "realtimeRatio"));
        statement.setLong(6, r.getLatencyMs());
        statement.setBigDecimal(7, decimal(r.getDownloadMbps(), "downloadMbps"));
        statement.setBigDecimal(8, decimal(r.getUploadMbps(), "uploadMbps"));
        statement.setString(9, r.getGpu());
        statement.setArray(10, statement.getConnection().createArrayOf("text", r.getProfiles().toArray()));
        statement.setString(11, r.getStatus());
        statement.setInt(12, r.getMaxSessions());
        statement.setString(13, r.getReason());
        statement.setBigDecimal(14, decimal(r.getEstimateMs(), "estimateMs"));
        statement.setObject(15, OffsetDateTime.ofInstant(r.getReceivedAt(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(16, origin.partition());
        statement.setLong(17, origin.offset());
    }

    /** Decimal text as the gateway wrote it; anything else is a record this mapper cannot represent (skipped). */
    private static BigDecimal decimal(String text, String field) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a decimal: " + text);
        }
    }
}
