package io.livepeerpool.gateway.payouts;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** A member's payout settings in force, from the read model ({@code payout_settings}, the highest nonce). */
public final class PayoutSettingsReads {
    private static final String SELECT_SETTINGS = """
            SELECT payout_address, threshold, nonce, expiry, chain_id, signature, accepted_at
            FROM payout_settings WHERE transcoder = ?""";

    private final DataSource dataSource;

    public PayoutSettingsReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stored row's fields. */
    public record Stored(String payoutAddress, BigInteger threshold, long nonce, long expiry, long chainId,
                         String signature, Instant acceptedAt) {
    }

    public Optional<Stored> of(String transcoder) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_SETTINGS)) {
            ps.setString(1, transcoder);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(rs.getString("payout_address"),
                        rs.getBigDecimal("threshold").toBigIntegerExact(), rs.getLong("nonce"), rs.getLong("expiry"),
                        rs.getLong("chain_id"), rs.getString("signature"),
                        rs.getObject("accepted_at", java.time.OffsetDateTime.class).toInstant()));
            }
        }
    }
}
