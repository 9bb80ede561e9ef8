package io.livepeerpool.ledger.projector;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.PayoutRequest;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Payout requests -> {@code rewards_payments} as {@code 'On hold'}, keyed by the deterministic payout id, with the
 * payee it goes to; then, if its outcome was projected first, the row takes it ({@link PayoutPayments}).
 * {@code DO NOTHING} means a replayed request never overwrites its outcome.
 */
public final class PayoutRequestRows implements RowMapper<PayoutRequest> {

    /** Under the payout's lock ({@link PayoutPayments#LOCK_PAYOUT}, parameter 1). */
    static final String INSERT_PAYOUT_REQUEST = PayoutPayments.LOCK_PAYOUT + """
            INSERT INTO rewards_payments (payout_id, transcoder, round, amount, status, created_at, payee)
            SELECT ?, ?, ?, ?, 'On hold', ?, ? FROM payout_lock
            ON CONFLICT (payout_id) DO NOTHING""";

    private static final List<RowStatement<PayoutRequest>> STATEMENTS = List.of(
            new RowStatement<>(INSERT_PAYOUT_REQUEST, PayoutRequestRows::bindPayoutRequest),
            new RowStatement<>(PayoutPayments.FILL_PAYOUT,
                    (statement, request, origin) -> PayoutPayments.bindFill(statement, request.getPayoutId())));

    @Override
    public List<RowStatement<PayoutRequest>> statements() {
        return STATEMENTS;
    }

    private static void bindPayoutRequest(PreparedStatement statement, PayoutRequest request, RecordOrigin origin)
            throws SQLException {
        statement.setString(1, request.getPayoutId());
        statement.setString(2, request.getPayoutId());
        statement.setString(3, request.getTranscoder());
        statement.setLong(4, request.getRound());
        statement.setBigDecimal(5, Uint256.wholeWei(request.getAmount(), "amount"));
        statement.setObject(6, origin.timestamp(), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(7, request.getPayee() == null ? request.getTranscoder() : request.getPayee());
    }
}
