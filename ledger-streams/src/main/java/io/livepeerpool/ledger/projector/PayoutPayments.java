package io.livepeerpool.ledger.projector;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The outcome columns of {@code rewards_payments}, filled from the payout's first outcome in {@code payout_outcomes}:
 * the request (pool.payout-requests) and its outcome (pool.payouts) come from different topics, in either order, so
 * each side stores its row and runs {@link #FILL_PAYOUT}, under a transaction-scoped advisory lock on the payout id
 * ({@link #LOCK_PAYOUT}), as {@link TicketPayments} does for tickets and their redemptions.
 */
final class PayoutPayments {
    /** The key space of these locks (two-int form, apart from the tickets' space and Flyway's locks). */
    static final int LOCK_SPACE = 0x50594f54;

    /** A CTE for the first statement of each side; its one parameter is the payout id. */
    static final String LOCK_PAYOUT = "WITH payout_lock AS (SELECT pg_advisory_xact_lock(" + LOCK_SPACE
            + ", hashtext(?)))\n";

    /**
     * Copies the stored outcome into a row still {@code On hold}: Paid with tx hash, gas share and paid_at (the
     * worker's record time); Refused / Reverted as Failed with the reason. A replay updates no row.
     */
    static final String FILL_PAYOUT = """
            UPDATE rewards_payments p
            SET status = CASE o.status WHEN 'Paid' THEN 'Paid' ELSE 'Failed' END,
                failure_reason = CASE WHEN o.status = 'Paid' THEN NULL
                                      ELSE o.status || COALESCE(': ' || o.reason, '') END,
                tx_hash = o.tx_hash,
                gas_fees = o.gas_share,
                gas_paid_by = o.gas_paid_by,
                payee = o.payee,
                amount_sent = o.amount_sent,
                block_number = o.block_number,
                paid_at = CASE WHEN o.status = 'Paid' THEN o.recorded_at END,
                resolved_at = o.recorded_at
            FROM payout_outcomes o
            WHERE p.payout_id = ? AND o.payout_id = p.payout_id AND p.status = 'On hold'""";

    private PayoutPayments() {
    }

    static void bindFill(PreparedStatement statement, String payoutId) throws SQLException {
        statement.setString(1, payoutId);
    }
}
