package io.livepeerpool.ledger.event;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;

/**
 * A member's signed payout settings ({@code pool.payout-settings}; the gateway checked the signature): where its
 * payouts go and its personal threshold. Applied from the next settlement, only with a nonce above the last one
 * applied for the transcoder.
 */
public record PayoutSettingsChange(String transcoder, String payoutAddress, BigInteger thresholdWei, long nonce)
        implements LedgerEvent {

    public PayoutSettingsChange {
        Address.requireLowercase(transcoder, "transcoder");
        Address.requireLowercase(payoutAddress, "payoutAddress");
        Uint256.check(thresholdWei, "threshold");
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must be >= 0, got " + nonce);
        }
    }
}
