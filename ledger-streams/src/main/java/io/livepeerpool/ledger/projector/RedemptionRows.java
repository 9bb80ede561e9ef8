package io.livepeerpool.ledger.projector;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.schemas.avro.Redemption;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Redemption outcomes -> {@code redemptions}, keyed by ticket hash, the first record projected wins (the topic's
 * contract: the first outcome per ticket is the one that counts); then the ticket's payment columns in
 * {@code winning_tickets} are filled from it, if the ticket is already there ({@link TicketPayments}). The outcome's
 * time is the redeemer's {@code at}, so a re-projection gives the same rows.
 */
public final class RedemptionRows implements RowMapper<Redemption> {

    /** Under the ticket's lock ({@link TicketPayments#LOCK_TICKET}, parameter 1). */
    static final String INSERT_REDEMPTION = TicketPayments.LOCK_TICKET + """
            INSERT INTO redemptions (ticket_hash, sender, recipient, face_value, status, reason, tx_hash, block_number,
                                     tx_gas_cost, tx_tickets, gas_share, amount_transferred, redeemer_id, recorded_at,
                                     kafka_partition, kafka_offset)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM ticket_lock
            ON CONFLICT (ticket_hash) DO NOTHING""";

    private static final List<RowStatement<Redemption>> STATEMENTS = List.of(
            new RowStatement<>(INSERT_REDEMPTION, RedemptionRows::bindRedemption),
            new RowStatement<>(TicketPayments.FILL_PAYMENT,
                    (statement, outcome, origin) -> TicketPayments.bindFill(statement, ticketHash(outcome))));

    @Override
    public List<RowStatement<Redemption>> statements() {
        return STATEMENTS;
    }

    private static void bindRedemption(PreparedStatement statement, Redemption outcome, RecordOrigin origin)
            throws SQLException {
        String ticketHash = ticketHash(outcome);
        statement.setString(1, ticketHash);
        statement.setString(2, ticketHash);
        statement.setString(3, outcome.getSender());
        statement.setString(4, outcome.getRecipient());
        statement.setBigDecimal(5, Uint256.wholeWei(outcome.getFaceValue(), "faceValue"));
        statement.setString(6, outcome.getStatus().name());
        statement.setString(7, outcome.getReason());
        statement.setString(8, outcome.getTxHash());
        statement.setObject(9, outcome.getBlockNumber(), Types.BIGINT);
        statement.setBigDecimal(10, Uint256.wholeWei(outcome.getTxGasCost(), "txGasCost"));
        statement.setInt(11, outcome.getTxTickets());
        statement.setBigDecimal(12, Uint256.wholeWei(outcome.getGasShare(), "gasShare"));
        statement.setBigDecimal(13, Uint256.wholeWei(outcome.getAmountTransferred(), "amountTransferred"));
        statement.setString(14, outcome.getRedeemerId());
        statement.setObject(15, OffsetDateTime.ofInstant(outcome.getAt(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(16, origin.partition());
        statement.setLong(17, origin.offset());
    }

    /** Lowercase, as the tickets' rows hold it; a malformed hash could never match a ticket, so it is refused. */
    private static String ticketHash(Redemption outcome) {
        try {
            return Bytes32.parse(outcome.getTicketHash()).hex();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ticketHash " + e.getMessage());
        }
    }
}
