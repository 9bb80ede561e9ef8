package io.livepeerpool.ledger.projector;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.Allocation;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Ledger allocations -> {@code allocations} (one row per round and transcoder, the first record projected wins) and
 * {@code transcoder_balances} (the transcoder's {@code balanceAfter}, but only from an allocation of a higher round
 * than the one stored). Allocations are keyed by transcoder, so one transcoder's are on one partition in round order;
 * the round guard still keeps a replay, or an older allocation arriving late, from moving a balance backwards. An
 * allocation is (round, 0) in the ledger's order of account changes ({@link AccountChangeRows}): it leaves no debt
 * (an allocation that paid one off is followed by its DebtNetted change, which sets the row after it).
 */
public final class AllocationRows implements RowMapper<Allocation> {

    static final String INSERT_ALLOCATION = """
            INSERT INTO allocations (round, transcoder, weight, amount, balance_after, settled_at, kafka_partition,
                                     kafka_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (round, transcoder) DO NOTHING""";

    static final String UPSERT_BALANCE = """
            INSERT INTO transcoder_balances (transcoder, balance, as_of_round, updated_at)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (transcoder) DO UPDATE
            SET balance = EXCLUDED.balance, as_of_round = EXCLUDED.as_of_round, updated_at = EXCLUDED.updated_at,
                debt = 0, as_of_seq = 0
            WHERE transcoder_balances.as_of_round < EXCLUDED.as_of_round""";

    private static final List<RowStatement<Allocation>> STATEMENTS = List.of(
            new RowStatement<>(INSERT_ALLOCATION, AllocationRows::bindAllocation),
            new RowStatement<>(UPSERT_BALANCE, AllocationRows::bindBalance));

    @Override
    public List<RowStatement<Allocation>> statements() {
        return STATEMENTS;
    }

    private static void bindAllocation(PreparedStatement statement, Allocation allocation, RecordOrigin origin)
            throws SQLException {
        statement.setLong(1, allocation.getRound());
        statement.setString(2, allocation.getTranscoder());
        statement.setBigDecimal(3, Uint256.wholeWei(allocation.getWeight(), "weight"));
        statement.setBigDecimal(4, Uint256.wholeWei(allocation.getAmount(), "amount"));
        statement.setBigDecimal(5, Uint256.wholeWei(allocation.getBalanceAfter(), "balanceAfter"));
        statement.setObject(6, origin.timestamp(), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(7, origin.partition());
        statement.setLong(8, origin.offset());
    }

    private static void bindBalance(PreparedStatement statement, Allocation allocation, RecordOrigin origin)
            throws SQLException {
        statement.setString(1, allocation.getTranscoder());
        statement.setBigDecimal(2, Uint256.wholeWei(allocation.getBalanceAfter(), "balanceAfter"));
        statement.setLong(3, allocation.getRound());
        statement.setObject(4, origin.timestamp(), Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
