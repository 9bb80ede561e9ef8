package io.livepeerpool.gateway.payouts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The last nonce accepted per member: the larger of the read model's ({@code payout_settings}, projected from the
 * topic) and this gateway's own acceptances not yet projected. It turns a replayed signed request away early; the
 * authority is the ledger's rule (only a nonce above the last applied one counts), which holds whatever the gateways
 * let through. One lock per member keeps two requests of one member from both passing the check.
 */
final class NonceRegister {
    private static final String SELECT_NONCE = "SELECT nonce FROM payout_settings WHERE transcoder = ?";

    private final DataSource dataSource;
    private final ConcurrentHashMap<String, Long> accepted = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    NonceRegister(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    ReentrantLock lockOf(String transcoder) {
        return locks.computeIfAbsent(transcoder, t -> new ReentrantLock());
    }

    /** The last accepted nonce, if any; call under {@link #lockOf}. */
    OptionalLong last(String transcoder) throws SQLException {
        OptionalLong stored = stored(transcoder);
        Long mine = accepted.get(transcoder);
        if (mine == null) {
            return stored;
        }
        return OptionalLong.of(stored.isPresent() ? Math.max(mine, stored.getAsLong()) : mine);
    }

    void accepted(String transcoder, long nonce) {
        accepted.merge(transcoder, nonce, Math::max);
    }

    private OptionalLong stored(String transcoder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_NONCE)) {
            ps.setString(1, transcoder);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
