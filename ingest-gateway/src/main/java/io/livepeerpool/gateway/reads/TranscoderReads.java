package io.livepeerpool.gateway.reads;

import io.livepeerpool.protocol.address.Address;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Transcoder statuses ({@code transcoder_status}, {@code transcoder_registrations}) and the pool's view of every
 * known transcoder. The status row, written by the performance topology, wins; until it is projected, the last
 * registration's decision stands (it is what the status will say).
 */
public final class TranscoderReads {
    static final Duration JOBS_WINDOW = Duration.ofHours(24);

    private static final String SELECT_STATUS = """
            SELECT s.status, s.max_sessions, s.reason, s.since, s.p50_ms, s.p95_ms, s.samples,
                   r.status AS registered_status, r.max_sessions AS registered_sessions, r.reason AS registered_reason,
                   r.realtime_ratio, r.latency_ms, r.download_mbps, r.upload_mbps, r.gpu, r.profiles, r.received_at
            FROM (SELECT ?::text AS transcoder) t
            LEFT JOIN transcoder_status s ON s.transcoder = t.transcoder
            LEFT JOIN transcoder_registrations r ON r.transcoder = t.transcoder""";

    /**
     * Known: registered, with a balance, or with a job in the window. One page in address order, then each one's
     * figures (an index lookup per transcoder of the page).
     */
    private static final String SELECT_TRANSCODERS = """
            WITH known AS (
                SELECT transcoder FROM transcoder_registrations WHERE transcoder > ?
                UNION SELECT transcoder FROM transcoder_status WHERE transcoder > ?
                UNION SELECT transcoder FROM transcoder_balances WHERE transcoder > ?
                UNION SELECT DISTINCT transcoder FROM transcoder_jobs WHERE received_at >= ? AND transcoder > ?),
            page AS (SELECT transcoder FROM known ORDER BY transcoder LIMIT ?)
            SELECT p.transcoder, coalesce(s.status, r.status) AS status,
                   coalesce(s.max_sessions, r.max_sessions, 0) AS max_sessions,
                   j.jobs, j.pixels, coalesce(b.balance, 0) AS balance, pay.paid
            FROM page p
            LEFT JOIN transcoder_status s ON s.transcoder = p.transcoder
            LEFT JOIN transcoder_registrations r ON r.transcoder = p.transcoder
            LEFT JOIN transcoder_balances b ON b.transcoder = p.transcoder
            CROSS JOIN LATERAL (SELECT count(*) AS jobs, coalesce(sum(pixels), 0) AS pixels FROM transcoder_jobs tj
                                WHERE tj.transcoder = p.transcoder AND tj.received_at >= ?) j
            CROSS JOIN LATERAL (SELECT coalesce(sum(amount), 0) AS paid FROM rewards_payments rp
                                WHERE rp.transcoder = p.transcoder AND rp.status = 'Paid') pay
            ORDER BY p.transcoder""";

    private final DataSource dataSource;
    private final Clock clock;

    public TranscoderReads(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public TranscoderStatusView status(Address transcoder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_STATUS)) {
            ps.setString(1, transcoder.hex());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the status query returned no row"); // one row per address
                }
                return statusView(transcoder, rs);
            }
        }
    }

    private static TranscoderStatusView statusView(Address transcoder, ResultSet rs) throws SQLException {
        TranscoderStatusView.BenchmarkView benchmark = null;
        if (rs.getString("registered_status") != null) {
            Array profiles = rs.getArray("profiles");
            benchmark = new TranscoderStatusView.BenchmarkView(plain(rs.getBigDecimal("realtime_ratio")),
                    rs.getLong("latency_ms"), plain(rs.getBigDecimal("download_mbps")),
                    plain(rs.getBigDecimal("upload_mbps")), rs.getString("gpu"),
                    Arrays.asList((String[]) profiles.getArray()), Rows.instant(rs, "received_at"));
        }
        if (rs.getString("status") != null) {
            return new TranscoderStatusView(transcoder.hex(), rs.getString("status"), rs.getInt("max_sessions"),
                    rs.getString("reason"), Rows.instant(rs, "since"), benchmark,
                    new TranscoderStatusView.LatencyView(rs.getLong("p50_ms"), rs.getLong("p95_ms"), rs.getInt("samples")));
        }
        if (benchmark != null) {
            return new TranscoderStatusView(transcoder.hex(), rs.getString("registered_status"),
                    rs.getInt("registered_sessions"), rs.getString("registered_reason"), benchmark.registeredAt(),
                    benchmark, TranscoderStatusView.LatencyView.NONE);
        }
        return new TranscoderStatusView(transcoder.hex(), TranscoderStatusView.UNKNOWN, 0, null, null, null,
                TranscoderStatusView.LatencyView.NONE);
    }

    /**
     * One page of known transcoders in address order, after {@code after} (exclusive; null for the first page).
     * The next page's cursor is the last address shown, when more may follow.
     */
    public TranscoderPage all(Address after, int limit) throws SQLException {
        String from = after == null ? "" : after.hex();
        Instant since = clock.instant().minus(JOBS_WINDOW);
        List<TranscoderView> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_TRANSCODERS)) {
            ps.setString(1, from);
            ps.setString(2, from);
            ps.setString(3, from);
            Rows.setInstant(ps, 4, since);
            ps.setString(5, from);
            ps.setInt(6, limit + 1);
            Rows.setInstant(ps, 7, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString("status");
                    rows.add(new TranscoderView(rs.getString("transcoder"),
                            status == null ? TranscoderStatusView.UNKNOWN : status, rs.getInt("max_sessions"),
                            rs.getLong("jobs"), rs.getBigDecimal("pixels").longValueExact(), Rows.wei(rs, "balance"),
                            Rows.wei(rs, "paid")));
                }
            }
        }
        if (rows.size() <= limit) {
            return new TranscoderPage(List.copyOf(rows), null);
        }
        List<TranscoderView> shown = List.copyOf(rows.subList(0, limit));
        return new TranscoderPage(shown, shown.get(limit - 1).transcoder());
    }

    /** A page of transcoders and the {@code after} value of the next page (null on the last). */
    public record TranscoderPage(List<TranscoderView> transcoders, String nextAfter) {
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
