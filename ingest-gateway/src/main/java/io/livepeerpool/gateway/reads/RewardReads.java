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

/**
 * Payouts from {@code rewards_payments}, newest first: the pool's of the last 30 days, or one transcoder's whole
 * history. Written by the ledger and the payout worker; empty until they run.
 */
public final class RewardReads {
    public static final Duration POOL_WINDOW = Duration.ofDays(30);
    private static final String SELECT_REWARDS = "SELECT payout_id, transcoder, round, amount, status, tx_hash,"
            + " gas_fees, created_at, paid_at FROM rewards_payments";

    private final DataSource dataSource;
    private final Clock clock;

    public RewardReads(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The pool's payouts of the last 30 days. */
    public Page<RewardView> recent(PageRequest page) throws SQLException {
        return read(new KeysetQuery(SELECT_REWARDS, "created_at", List.of("payout_id"))
                .since(clock.instant().minus(POOL_WINDOW)), page);
    }

    /** Every payout of one transcoder. */
    public Page<RewardView> ofTranscoder(Address transcoder, PageRequest page) throws SQLException {
        return read(new KeysetQuery(SELECT_REWARDS, "created_at", List.of("payout_id"))
                .whereEquals("transcoder", transcoder.hex()), page);
    }

    private Page<RewardView> read(KeysetQuery query, PageRequest page) throws SQLException {
        Cursor before = page.before();
        query.after(before == null ? null : before.at(), before == null || !before.hasTieBreak() ? null : List.of(before.tieBreak()));
        List<RewardView> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = query.prepare(c, page.limit());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(view(rs));
            }
        }
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, null);
        }
        List<RewardView> shown = List.copyOf(rows.subList(0, page.limit()));
        RewardView last = shown.get(shown.size() - 1);
        return new Page<>(shown, new Cursor(last.createdAt(), last.payoutId()).encode());
    }

    private static RewardView view(ResultSet rs) throws SQLException {
        return new RewardView(rs.getString("payout_id"), rs.getString("transcoder"), rs.getLong("round"),
                Rows.wei(rs, "amount"), rs.getString("status"), rs.getString("tx_hash"), Rows.wei(rs, "gas_fees"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "paid_at"));
    }
}
