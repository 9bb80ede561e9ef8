package io.livepeerpool.gateway.reads;

import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The pool's settlements (one per round, table {@code settlements}), newest round first. */
public final class SettlementReads {
    /** Newest round first; the primary key, scanned backwards. */
    static final Keyset ORDER = Keyset.byRound("round");
    private static final String SELECT_SETTLEMENTS = "SELECT round, revenue, total_weight, pool_fee, distributed,"
            + " carried_revenue, allocation_count, settled_at FROM settlements";

    private final DataSource dataSource;

    public SettlementReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<SettlementView> all(PageRequest page) throws SQLException {
        return new KeysetQuery(SELECT_SETTLEMENTS, ORDER)
                .read(dataSource, page, SettlementReads::view, settlement -> Cursor.after(settlement.round()));
    }

    private static SettlementView view(ResultSet rs) throws SQLException {
        return new SettlementView(rs.getLong("round"), Rows.wei(rs, "revenue"), Rows.wei(rs, "total_weight"),
                Rows.wei(rs, "pool_fee"), Rows.wei(rs, "distributed"), Rows.wei(rs, "carried_revenue"),
                rs.getInt("allocation_count"), Rows.instant(rs, "settled_at"));
    }
}
