package io.livepeerpool.ledger.projector;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.Payout;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Payout outcomes ({@code pool.payouts}) -> {@code payout_outcomes}, the first per payout id wins; then the request's
 * row in {@code rewards_payments} moves from On hold to Paid or Failed, if it is already there
 * ({@link PayoutPayments}). The time is the worker's {@code at}, so a re-projection gives the same rows.
 */
public final class PayoutOutcomeRows implements RowMapper<Payout> {

    static final String INSERT_OUTCOME = PayoutPayments.LOCK_PAYOUT + """
            INSERT INTO payout_outcomes (payout_id, transcoder, payee, status, amount, amount_sent, gas_share,
                                         gas_paid_by, tx_hash, block_number, reason, recorded_at, kafka_partition,
                                         kafka_offset)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM payout_lock
            ON CONFLICT (payout_id) DO NOTHING""";

    private static final List<RowStatement<Payout>> STATEMENTS = List.of(
            new RowStatement<>(INSERT_OUTCOME, PayoutOutcomeRows::bindOutcome),
            new RowStatement<>(PayoutPayments.FILL_PAYOUT,
                    (statement, outcome, origin) -> PayoutPayments.bindFill(statement, outcome.getPayoutId())));

    @Override
    public List<RowStatement<Payout>> statements() {
        return STATEMENTS;
    }

    private static void bindOutcome(PreparedStatement statement, Payout outcome, RecordOrigin origin)
            throws SQLException {
        statement.setString(1, outcome.getPayoutId());
        statement.setString(2, outcome.getPayoutId());
        statement.setString(3, outcome.getTranscoder());
        statement.setString(4, outcome.getPayee());
        statement.setString(5, outcome.getStatus().name());
        statement.setBigDecimal(6, Uint256.wholeWei(outcome.getAmount(), "amount"));
        statement.setBigDecimal(7, Uint256.wholeWei(outcome.getAmountSent(), "amountSent"));
        statement.setBigDecimal(8, Uint256.wholeWei(outcome.getGasShare(), "gasShare"));
        statement.setString(9, outcome.getGasPaidBy().name());
        statement.setString(10, outcome.getTxHash());
        statement.setLong(11, outcome.getBlockNumber());
        statement.setString(12, outcome.getReason());
        statement.setObject(13, OffsetDateTime.ofInstant(outcome.getAt(), ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(14, origin.partition());
        statement.setLong(15, origin.offset());
    }
}
