package io.livepeerpool.ledger.projector;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.WinningTicket;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Winning tickets -> {@code winning_tickets}, keyed by ticket hash; the first record projected wins. A ticket whose
 * outcome was projected first takes its payment columns from it ({@link TicketPayments}). The public read
 * model never holds {@code recipientRand} (revealing it before redemption lets anyone front-run the redeemer) nor the
 * sender's signature: they are deliberately not bound here, and the table has no columns for them.
 */
public final class TicketRows implements RowMapper<WinningTicket> {

    /** Under the ticket's lock ({@link TicketPayments#LOCK_TICKET}, parameter 1). */
    static final String INSERT_TICKET = TicketPayments.LOCK_TICKET + """
            INSERT INTO winning_tickets (ticket_hash, orchestrator, recipient, sender, face_value, win_prob, sender_nonce,
                                         creation_round, creation_round_block_hash, params_expiration_block, won_at,
                                         tx_hash, gas_fees, key_id, request_id, received_at, kafka_partition,
                                         kafka_offset)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM ticket_lock
            ON CONFLICT (ticket_hash) DO NOTHING""";

    private static final List<RowStatement<WinningTicket>> STATEMENTS = List.of(
            new RowStatement<>(INSERT_TICKET, TicketRows::bindTicket),
            new RowStatement<>(TicketPayments.FILL_PAYMENT,
                    (statement, ticket, origin) -> TicketPayments.bindFill(statement, ticket.getTicketHash())));

    @Override
    public List<RowStatement<WinningTicket>> statements() {
        return STATEMENTS;
    }

    private static void bindTicket(PreparedStatement statement, WinningTicket ticket, RecordOrigin origin)
            throws SQLException {
        statement.setString(1, ticket.getTicketHash());
        statement.setString(2, ticket.getTicketHash());
        statement.setString(3, ticket.getOrchestrator());
        statement.setString(4, ticket.getRecipient());
        statement.setString(5, ticket.getSender());
        statement.setBigDecimal(6, Uint256.wholeWei(ticket.getFaceValue(), "faceValue"));
        statement.setBigDecimal(7, Uint256.wholeWei(ticket.getWinProb(), "winProb"));
        statement.setBigDecimal(8, Uint256.wholeWei(ticket.getSenderNonce(), "senderNonce"));
        statement.setLong(9, ticket.getCreationRound());
        statement.setString(10, ticket.getCreationRoundBlockHash());
        statement.setObject(11, ticket.getParamsExpirationBlock(), Types.BIGINT);
        statement.setObject(12, timestamp(ticket.getWonAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(13, ticket.getTxHash());
        statement.setBigDecimal(14, Uint256.wholeWei(ticket.getGasFees(), "gasFees"));
        statement.setString(15, ticket.getKeyId());
        statement.setString(16, ticket.getRequestId());
        statement.setObject(17, timestamp(ticket.getReceivedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(18, origin.partition());
        statement.setLong(19, origin.offset());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
