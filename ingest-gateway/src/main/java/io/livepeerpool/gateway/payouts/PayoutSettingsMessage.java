package io.livepeerpool.gateway.payouts;

import java.math.BigInteger;

/**
 * The signed fields of a member's payout settings (lowercase addresses, wei, Unix seconds).
 *
 * @param nonce  must be above the member's last accepted nonce
 * @param expiry the signature is refused after this time
 */
public record PayoutSettingsMessage(String transcoder, String payoutAddress, BigInteger threshold, long nonce,
                                    long expiry) {
}
