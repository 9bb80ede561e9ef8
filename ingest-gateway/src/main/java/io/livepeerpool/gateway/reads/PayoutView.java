package io.livepeerpool.gateway.reads;

import java.time.Instant;

/** A payout as the public API shows it: status {@code On hold}, {@code Paid} or {@code Failed}; wei as decimal strings. */
public record PayoutView(
        String payoutId,
        String transcoder,
        long round,
        String amount,
        String status,
        String txHash,
        String gasFees,
        Instant createdAt,
        Instant paidAt) {
}
