package io.livepeerpool.ledger.payout;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;

/**
 * The payout settings in force for a member: where its payouts go and its personal threshold, from its last signed
 * settings (nonce). A member without settings is paid at its own address at the pool's threshold.
 */
public record PayoutPreferences(String payoutAddress, BigInteger thresholdWei, long nonce) {

    public PayoutPreferences {
        Address.requireLowercase(payoutAddress, "payoutAddress");
        Uint256.check(thresholdWei, "threshold");
    }

    /** Whether settings signed with {@code nonce} replace these (nonces increase per member; equal is a replay). */
    public boolean replacedBy(long nextNonce) {
        return nextNonce > nonce;
    }

    /**
     * The threshold that applies: the larger of the member's and the pool's (members may wait longer than the
     * pool's threshold, never shorter; the pool's may have been raised since the member signed).
     */
    public BigInteger thresholdFor(BigInteger poolThresholdWei) {
        return thresholdWei.max(poolThresholdWei);
    }
}
