package io.livepeerpool.ledger.projector;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.Settlement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Ledger settlements -> {@code settlements}, one row per round (the ledger settles each round once); the first record
 * projected wins. The allocation lines are not stored here: the allocations topic carries the same lines with the
 * balance after each ({@link AllocationRows}); {@code allocation_count} lets a reader see whether all of them are in.
 */
public final class SettlementRows implements RowMapper<Settlement> {

    static final String INSERT_SETTLEMENT = """
            INSERT INTO settlements (round, revenue, total_weight, pool_fee, distributed, carried_revenue,
                                     allocation_count, settled_at, kafka_partition, kafka_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (round) DO NOTHING""";

    private static final List<RowStatement<Settlement>> STATEMENTS =
            List.of(new RowStatement<>(INSERT_SETTLEMENT, SettlementRows::bindSettlement));

    @Override
    public List<RowStatement<Settlement>> statements() {
        return STATEMENTS;
    }

    private static void bindSettlement(PreparedStatement statement, Settlement settlement, RecordOrigin origin)
            throws SQLException {
        statement.setLong(1, settlement.getRound());
        statement.setBigDecimal(2, Uint256.wholeWei(settlement.getRevenue(), "revenue"));
        statement.setBigDecimal(3, Uint256.wholeWei(settlement.getTotalWeight(), "totalWeight"));
        statement.setBigDecimal(4, Uint256.wholeWei(settlement.getPoolFee(), "poolFee"));
        statement.setBigDecimal(5, Uint256.wholeWei(settlement.getDistributed(), "distributed"));
        statement.setBigDecimal(6, Uint256.wholeWei(settlement.getCarriedRevenue(), "carriedRevenue"));
        statement.setInt(7, settlement.getAllocationCount() != null ? settlement.getAllocationCount()
                : settlement.getAllocations().size());
        statement.setObject(8, origin.timestamp(), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(9, origin.partition());
        statement.setLong(10, origin.offset());
    }
}
