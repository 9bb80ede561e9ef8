package io.livepeerpool.gateway.reads;

import io.livepeerpool.protocol.ticket.Bytes32;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Winning tickets with their payment outcome from {@code winning_tickets} (V3 columns, filled by the projector from
 * {@code pool.redemptions}): those received in the last 30 days, newest first, or one by its hash.
 */
public final class WinningTicketReads {
    public static final Duration WINDOW = Duration.ofDays(30);
    /** Newest received first; the ticket hash breaks ties (index winning_tickets_by_time). */
    static final Keyset ORDER = Keyset.byTime("received_at", "ticket_hash");
    private static final String SELECT_TICKETS = "SELECT ticket_hash, sender, recipient, face_value, payment_status,"
            + " failure_reason, tx_hash, redeemed_block, amount_transferred, gas_fees, creation_round, received_at,"
            + " redeemed_at FROM winning_tickets";
    static final String SELECT_TICKET = SELECT_TICKETS + " WHERE ticket_hash = ?";

    private final DataSource dataSource;
    private final Clock clock;

    public WinningTicketReads(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Tickets received in the last 30 days. */
    public Page<WinningTicketView> recent(PageRequest page) throws SQLException {
        return new KeysetQuery(SELECT_TICKETS, ORDER).since("received_at", clock.instant().minus(WINDOW))
                .read(dataSource, page, WinningTicketReads::view, t -> Cursor.after(t.receivedAt(), t.ticketHash()));
    }

    /** The ticket with this hash, whenever it was received; empty when the read model has no such ticket. */
    public Optional<WinningTicketView> one(Bytes32 ticketHash) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_TICKET)) {
            ps.setString(1, ticketHash.hex());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(view(rs)) : Optional.empty();
            }
        }
    }

    private static WinningTicketView view(ResultSet rs) throws SQLException {
        return new WinningTicketView(rs.getString("ticket_hash"), rs.getString("sender"), rs.getString("recipient"),
                Rows.wei(rs, "face_value"), rs.getString("payment_status"), rs.getString("failure_reason"),
                rs.getString("tx_hash"), Rows.nullableLong(rs, "redeemed_block"), Rows.wei(rs, "amount_transferred"),
                Rows.wei(rs, "gas_fees"), rs.getLong("creation_round"), Rows.instant(rs, "received_at"),
                Rows.instant(rs, "redeemed_at"));
    }
}
