package io.livepeerpool.ledger.projector;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The payment columns of {@code winning_tickets}, filled from the ticket's first outcome in {@code redemptions}. The
 * ticket and its outcome come from different topics (and partitions, so possibly different projector instances), in
 * either order: each side stores its own row, then runs {@link #FILL_PAYMENT}, so whichever is projected second fills
 * the columns, and the row ends the same either way.
 *
 * <p>Two transactions projecting a ticket and its outcome at the same time would each miss the other's uncommitted
 * row (READ COMMITTED) and neither would fill it. So each side's first statement takes a transaction-scoped advisory
 * lock on the ticket hash ({@link #LOCK_TICKET}): the second waits until the first commits, and its next statement,
 * which takes a new snapshot, sees the first one's row. A deadlock between two batches locking tickets in opposite
 * orders is detected by PostgreSQL and is retried like any transient failure.
 */
final class TicketPayments {
    /** The key space of these locks (the two-int form: apart from Flyway's single-bigint locks). */
    static final int LOCK_SPACE = 0x57544b54;

    /** A CTE to select FROM in a statement's first statement; its one parameter is the ticket hash. */
    static final String LOCK_TICKET = "WITH ticket_lock AS (SELECT pg_advisory_xact_lock(" + LOCK_SPACE
            + ", hashtext(?)))\n";

    /**
     * Copies the stored outcome, not the record at hand, so a later different outcome changes nothing, and only into a
     * row still {@code Not claimed}, so a replay updates no row. A transaction of the pool's redeemer replaces the
     * tx hash and gas an orchestrator reported; an outcome without one (e.g. expired) keeps them. The gas is the
     * ticket's share, or the whole transaction's cost when the transaction carried only this ticket.
     */
    static final String FILL_PAYMENT = """
            UPDATE winning_tickets w
            SET payment_status = CASE r.status WHEN 'Redeemed' THEN 'Claimed' ELSE r.status END,
                failure_reason = r.reason,
                amount_transferred = r.amount_transferred,
                tx_hash = COALESCE(r.tx_hash, w.tx_hash),
                gas_fees = CASE WHEN r.tx_hash IS NULL THEN w.gas_fees
                                ELSE COALESCE(r.gas_share, CASE WHEN r.tx_tickets = 1 THEN r.tx_gas_cost END) END,
                redeemed_block = r.block_number,
                redeemed_at = r.recorded_at
            FROM redemptions r
            WHERE w.ticket_hash = ? AND r.ticket_hash = w.ticket_hash AND w.payment_status = 'Not claimed'""";

    private TicketPayments() {
    }

    static void bindFill(PreparedStatement statement, String ticketHash) throws SQLException {
        statement.setString(1, ticketHash);
    }
}
