package io.livepeerpool.gateway.reads;

import io.livepeerpool.protocol.address.Address;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One transcoder's balance ({@code transcoder_balances}) and its payouts on hold and paid ({@code rewards_payments}),
 * in one statement (one snapshot). A transcoder without allocations has balance 0: an address is never unknown.
 */
public final class BalanceReads {
    private static final String SELECT_BALANCE = """
            SELECT b.balance, b.debt, b.as_of_round, p.on_hold, p.paid, p.failed
            FROM (SELECT coalesce(sum(amount) FILTER (WHERE status = 'On hold'), 0) AS on_hold,
                         coalesce(sum(amount) FILTER (WHERE status = 'Paid'), 0) AS paid,
                         coalesce(sum(amount) FILTER (WHERE status = 'Failed'), 0) AS failed
                  FROM rewards_payments WHERE transcoder = ?) p
            LEFT JOIN transcoder_balances b ON b.transcoder = ?""";

    private final DataSource dataSource;

    public BalanceReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public BalanceView of(Address transcoder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_BALANCE)) {
            ps.setString(1, transcoder.hex());
            ps.setString(2, transcoder.hex());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the balance query returned no row"); // an aggregate always has one
                }
                String balance = Rows.wei(rs, "balance");
                String debt = Rows.wei(rs, "debt");
                return new BalanceView(transcoder.hex(), balance == null ? "0" : balance, Rows.nullableLong(rs, "as_of_round"),
                        Rows.wei(rs, "on_hold"), Rows.wei(rs, "paid"), debt == null ? "0" : debt, Rows.wei(rs, "failed"));
            }
        }
    }
}
