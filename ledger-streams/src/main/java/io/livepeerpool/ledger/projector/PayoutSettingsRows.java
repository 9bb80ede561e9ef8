package io.livepeerpool.ledger.projector;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.schemas.avro.PayoutSettings;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Members' payout settings ({@code pool.payout-settings}) -> {@code payout_settings}: the record with the highest
 * nonce per member, the ledger's rule (a replayed or older record changes nothing). The gateway reads the row for
 * {@code /getPayoutSettings} and for its nonce check.
 */
public final class PayoutSettingsRows implements RowMapper<PayoutSettings> {

    static final String UPSERT_SETTINGS = """
            INSERT INTO payout_settings (transcoder, payout_address, threshold, nonce, expiry, chain_id, signature,
                                         accepted_at, kafka_partition, kafka_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (transcoder) DO UPDATE
            SET payout_address = EXCLUDED.payout_address, threshold = EXCLUDED.threshold, nonce = EXCLUDED.nonce,
                expiry = EXCLUDED.expiry, chain_id = EXCLUDED.chain_id, signature = EXCLUDED.signature,
                accepted_at = EXCLUDED.accepted_at, kafka_partition = EXCLUDED.kafka_partition,
                kafka_offset = EXCLUDED.kafka_offset
            WHERE payout_settings.nonce < EXCLUDED.nonce""";

    private static final List<RowStatement<PayoutSettings>> STATEMENTS =
            List.of(new RowStatement<>(UPSERT_SETTINGS, PayoutSettingsRows::bind));

    @Override
    public List<RowStatement<PayoutSettings>> statements() {
        return STATEMENTS;
    }

    private static void bind(PreparedStatement statement, PayoutSettings s, RecordOrigin origin) throws SQLException {
        statement.setString(1, s.getTranscoder());
        statement.setString(2, s.getPayoutAddress());
        statement.setBigDecimal(3, Uint256.wholeWei(s.getThreshold(), "threshold"));
        statement.setLong(4, s.getNonce());
        statement.setLong(5, s.getExpiry());
        statement.setLong(6, s.getChainId());
        statement.setString(7, s.getSignature());
        statement.setObject(8, OffsetDateTime.ofInstant(s.getAt(), ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setInt(9, origin.partition());
        statement.setLong(10, origin.offset());
    }
}
