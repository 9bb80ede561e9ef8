package io.livepeerpool.gateway.reads;

import io.livepeerpool.protocol.address.Address;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Jobs of the last 24 hours from the read model, newest first, for all transcoders or one: the jobs received
 * ({@code transcoder_jobs}, status {@code received}) and the posts the ledger refused ({@code job_refusals}, status
 * {@code refused} with the reason, at the time of the refusal record), in one keyset order.
 */
public final class JobReads {
    public static final Duration WINDOW = Duration.ofHours(24);
    /**
     * Newest first; a job row is unique per (orchestrator, jobId) and has entry '', a refusal has its own entry
     * ({@code refusal:<partition>:<offset>}), so the same job id refused again, even in the same millisecond, keeps
     * its own place.
     */
    static final Keyset ORDER = Keyset.byTime("received_at", "orchestrator", "job_id", "entry");
    /** PostgreSQL pushes the filters and the order into both branches, each served by its transcoder index. */
    private static final String SELECT_JOBS = "SELECT * FROM ("
            + "SELECT orchestrator, job_id, transcoder, pixels, duration_ms, profiles, round_job, face_value, weight,"
            + " settled_round, received_at, 'received' AS status, NULL::text AS reason, '' AS entry FROM transcoder_jobs"
            + " UNION ALL SELECT orchestrator, job_id, transcoder, NULL, NULL, NULL, round_job, NULL, NULL, NULL,"
            + " refused_at, 'refused', reason, 'refusal:' || kafka_partition || ':' || kafka_offset FROM job_refusals"
            + ") AS jobs";

    private final DataSource dataSource;
    private final Clock clock;

    public JobReads(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** {@code transcoder} null for all transcoders. */
    public Page<JobView> recent(Address transcoder, PageRequest page) throws SQLException {
        KeysetQuery query = new KeysetQuery(SELECT_JOBS, ORDER).since("received_at", clock.instant().minus(WINDOW));
        if (transcoder != null) {
            query.whereEquals("transcoder", transcoder.hex());
        }
        return query.read(dataSource, page, JobReads::view,
                job -> Cursor.after(job.receivedAt(), job.orchestrator(), job.jobId(), job.entry()));
    }

    private static JobView view(ResultSet rs) throws SQLException {
        return new JobView(rs.getString("orchestrator"), rs.getString("job_id"), rs.getString("transcoder"),
                Rows.nullableLong(rs, "pixels"), Rows.nullableLong(rs, "duration_ms"), nullableInt(rs, "profiles"),
                rs.getLong("round_job"), Rows.wei(rs, "face_value"), Rows.wei(rs, "weight"),
                Rows.nullableLong(rs, "settled_round"), Rows.instant(rs, "received_at"), rs.getString("status"),
                rs.getString("reason"), rs.getString("entry"));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
