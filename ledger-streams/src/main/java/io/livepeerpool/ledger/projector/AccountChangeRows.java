package io.livepeerpool.ledger.projector;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.MemberAccountChange;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The ledger's account changes ({@code pool.ledger-account-changes}: payouts resolved, debts netted) ->
 * {@code transcoder_balances}: balance and debt after the change, only if the change comes after what the row holds
 * in the ledger's order, (afterRound, seq) against an allocation's (round, 0). So a refused payout shows in the
 * balance as soon as the ledger applied it, and neither a replay nor a late record moves the row backwards.
 */
public final class AccountChangeRows implements RowMapper<MemberAccountChange> {

    static final String UPSERT_BALANCE = """
            INSERT INTO transcoder_balances (transcoder, balance, debt, as_of_round, as_of_seq, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (transcoder) DO UPDATE
            SET balance = EXCLUDED.balance, debt = EXCLUDED.debt, as_of_round = EXCLUDED.as_of_round,
                as_of_seq = EXCLUDED.as_of_seq, updated_at = EXCLUDED.updated_at
            WHERE (transcoder_balances.as_of_round, transcoder_balances.as_of_seq)
                  < (EXCLUDED.as_of_round, EXCLUDED.as_of_seq)""";

    private static final List<RowStatement<MemberAccountChange>> STATEMENTS =
            List.of(new RowStatement<>(UPSERT_BALANCE, AccountChangeRows::bind));

    @Override
    public List<RowStatement<MemberAccountChange>> statements() {
        return STATEMENTS;
    }

    private static void bind(PreparedStatement statement, MemberAccountChange c, RecordOrigin origin)
            throws SQLException {
        statement.setString(1, c.getTranscoder());
        statement.setBigDecimal(2, Uint256.wholeWei(c.getBalanceAfter(), "balanceAfter"));
        statement.setBigDecimal(3, Uint256.wholeWei(c.getDebtAfter(), "debtAfter"));
        statement.setLong(4, c.getAfterRound());
        statement.setLong(5, c.getSeq());
        statement.setObject(6, origin.timestamp(), Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
