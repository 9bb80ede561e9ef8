package io.livepeerpool.gateway.reads;

import io.livepeerpool.protocol.address.Address;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Jobs of the last 24 hours from the read model, newest first, for all transcoders or one. */
public final class JobReads {
    public static final Duration WINDOW = Duration.ofHours(24);
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
        KeysetQuery query = new KeysetQuery(SELECT_JOBS, "received_at", List.of("orchestrator", "job_id"))
                .since(clock.instant().minus(WINDOW));
        if (transcoder != null) {
            query.whereEquals("transcoder", transcoder.hex());
        }
        Cursor before = page.before();
        query.after(before == null ? null : before.at(), before == null || !before.hasTieBreak() ? null : tieBreakKeys(before));
        List<JobView> jobs = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = query.prepare(c, page.limit());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                jobs.add(view(rs));
            }
        }
        return page(jobs, page.limit());
    }

    private static List<String> tieBreakKeys(Cursor cursor) {
        String[] parts = cursor.tieBreak().split(" ", 2);
        return parts.length == 2 ? List.of(parts[0], parts[1]) : List.of(parts[0], "");
    }

    private static Page<JobView> page(List<JobView> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<JobView> shown = rows.subList(0, limit);
        JobView last = shown.get(limit - 1);
        return new Page<>(List.copyOf(shown), new Cursor(last.receivedAt(), last.orchestrator() + " " + last.jobId()).encode());
    }

    private static JobView view(ResultSet rs) throws SQLException {
        return new JobView(rs.getString("orchestrator"), rs.getString("job_id"), rs.getString("transcoder"),
                rs.getLong("pixels"), rs.getLong("duration_ms"), rs.getInt("profiles"), rs.getLong("round_job"),
                Rows.wei(rs, "face_value"), Rows.wei(rs, "weight"), Rows.nullableLong(rs, "settled_round"),
                Rows.instant(rs, "received_at"));
    }
}
