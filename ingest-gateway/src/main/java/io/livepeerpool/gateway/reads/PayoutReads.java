package io.livepeerpool.gateway.reads;

import io.livepeerpool.protocol.address.Address;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Payouts from {@code rewards_payments}, newest first: the pool's of the last 30 days, or one transcoder's whole
 * history. Requested by the ledger ({@code On hold}) and completed by the payout worker ({@code Paid} / {@code Failed}).
 */
public final class PayoutReads {
    public static final Duration POOL_WINDOW = Duration.ofDays(30);
    /** Newest request first; the payout id breaks ties. */
    static final Keyset ORDER = Keyset.byTime("created_at", "payout_id");
    private static final String SELECT_PAYOUTS = "SELECT payout_id, transcoder, round, amount, status, tx_hash,"
            + " gas_fees, created_at, paid_at, payee, amount_sent, block_number, gas_paid_by, failure_reason, resolved_at"
            + " FROM rewards_payments";

    private final DataSource dataSource;
    private final Clock clock;

    public PayoutReads(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The pool's payouts of the last 30 days. */
    public Page<PayoutView> recent(PageRequest page) throws SQLException {
        return read(new KeysetQuery(SELECT_PAYOUTS, ORDER).since("created_at", clock.instant().minus(POOL_WINDOW)), page);
    }

    /** Every payout of one transcoder. */
    public Page<PayoutView> ofTranscoder(Address transcoder, PageRequest page) throws SQLException {
        return read(new KeysetQuery(SELECT_PAYOUTS, ORDER).whereEquals("transcoder", transcoder.hex()), page);
    }

    private Page<PayoutView> read(KeysetQuery query, PageRequest page) throws SQLException {
        return query.read(dataSource, page, PayoutReads::view, payout -> Cursor.after(payout.createdAt(), payout.payoutId()));
    }

    private static PayoutView view(ResultSet rs) throws SQLException {
        return new PayoutView(rs.getString("payout_id"), rs.getString("transcoder"), rs.getLong("round"),
                Rows.wei(rs, "amount"), rs.getString("status"), rs.getString("tx_hash"), Rows.wei(rs, "gas_fees"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "paid_at"), rs.getString("payee"),
                Rows.wei(rs, "amount_sent"), Rows.nullableLong(rs, "block_number"), rs.getString("gas_paid_by"),
                rs.getString("failure_reason"), Rows.instant(rs, "resolved_at"));
    }
}
