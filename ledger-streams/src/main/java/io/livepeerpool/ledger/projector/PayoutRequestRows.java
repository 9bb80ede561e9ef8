package io.livepeerpool.ledger.projector;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.PayoutRequest;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Payout requests -> {@code rewards_payments} as {@code 'On hold'}, keyed by the deterministic payout id. The payout
 * worker owns the row afterwards (Paid / Failed, tx hash, gas): {@code DO NOTHING} means a replayed request never
 * overwrites its outcome, and a row the worker wrote first is left as it is.
 */
public final class PayoutRequestRows implements RowMapper<PayoutRequest> {

    static final String INSERT_PAYOUT_REQUEST = """
            INSERT INTO rewards_payments (payout_id, transcoder, round, amount, status, created_at)
            VALUES (?, ?, ?, ?, 'On hold', ?)
            ON CONFLICT (payout_id) DO NOTHING""";

    private static final List<RowStatement<PayoutRequest>> STATEMENTS =
            List.of(new RowStatement<>(INSERT_PAYOUT_REQUEST, PayoutRequestRows::bindPayoutRequest));

    @Override
    public List<RowStatement<PayoutRequest>> statements() {
        return STATEMENTS;
    }

    private static void bindPayoutRequest(PreparedStatement statement, PayoutRequest request, RecordOrigin origin)
            throws SQLException {
        statement.setString(1, request.getPayoutId());
        statement.setString(2, request.getTranscoder());
        statement.setLong(3, request.getRound());
        statement.setBigDecimal(4, Uint256.wholeWei(request.getAmount(), "amount"));
        statement.setObject(5, origin.timestamp(), Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
