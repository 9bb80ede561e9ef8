package io.livepeerpool.gateway.reads;

import io.livepeerpool.protocol.address.Address;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/** Jobs of the last 24 hours from the read model, newest first, for all transcoders or one. */
public final class JobReads {
    public static final Duration WINDOW = Duration.ofHours(24);
    /** Newest first; a job is unique per (orchestrator, jobId). */
    static final Keyset ORDER = Keyset.byTime("received_at", "orchestrator", "job_id");
    private static final String SELECT_JOBS = "SELECT orchestrator, job_id, transcoder, pixels, duration_ms, profiles,"
            + " round_job, face_value, weight, settled_round, received_at FROM transcoder_jobs";

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
        return query.read(dataSource, page, JobReads::view, job -> Cursor.after(job.receivedAt(), job.orchestrator(), job.jobId()));
    }

    private static JobView view(ResultSet rs) throws SQLException {
        return new JobView(rs.getString("orchestrator"), rs.getString("job_id"), rs.getString("transcoder"),
                rs.getLong("pixels"), rs.getLong("duration_ms"), rs.getInt("profiles"), rs.getLong("round_job"),
                Rows.wei(rs, "face_value"), Rows.wei(rs, "weight"), Rows.nullableLong(rs, "settled_round"),
                Rows.instant(rs, "received_at"));
    }
}
