package io.livepeerpool.gateway.reads;

import io.livepeerpool.protocol.address.Address;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Rewards: the ledger's allocations (one per round and transcoder, table {@code allocations}), newest round first:
 * the pool's settled in the last 30 days (then by transcoder), or one transcoder's whole history.
 */
public final class RewardReads {
    public static final Duration POOL_WINDOW = Duration.ofDays(30);
    /** All transcoders: newest round first, then transcoder ascending ((round, transcoder) is the primary key). */
    static final Keyset POOL_ORDER = Keyset.byRound("round", "transcoder");
    /** One transcoder: newest round first; unique per transcoder (index {@code allocations_by_transcoder}). */
    static final Keyset TRANSCODER_ORDER = Keyset.byRound("round");
    private static final String SELECT_ALLOCATIONS =
            "SELECT round, transcoder, weight, amount, balance_after, settled_at FROM allocations";

    private final DataSource dataSource;
    private final Clock clock;

    public RewardReads(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Every transcoder's allocations settled in the last 30 days. */
    public Page<RewardView> recent(PageRequest page) throws SQLException {
        return new KeysetQuery(SELECT_ALLOCATIONS, POOL_ORDER)
                .since("settled_at", clock.instant().minus(POOL_WINDOW))
                .read(dataSource, page, RewardReads::view, reward -> Cursor.after(reward.round(), reward.transcoder()));
    }

    /** Every allocation of one transcoder. */
    public Page<RewardView> ofTranscoder(Address transcoder, PageRequest page) throws SQLException {
        return new KeysetQuery(SELECT_ALLOCATIONS, TRANSCODER_ORDER)
                .whereEquals("transcoder", transcoder.hex())
                .read(dataSource, page, RewardReads::view, reward -> Cursor.after(reward.round()));
    }

    private static RewardView view(ResultSet rs) throws SQLException {
        return new RewardView(rs.getLong("round"), rs.getString("transcoder"), Rows.wei(rs, "weight"),
                Rows.wei(rs, "amount"), Rows.wei(rs, "balance_after"), Rows.instant(rs, "settled_at"));
    }
}
