package io.livepeerpool.gateway.reads;

import java.time.Instant;

/**
 * A payout as the public API shows it: status {@code On hold}, {@code Paid} or {@code Failed}; wei as decimal strings.
 * {@code gasFees} is the member's share of the payout transaction's gas ({@code gasPaidBy} says who bore it);
 * {@code failureReason} why a Failed payout was not paid (its amount went back to the balance); {@code payee} where it
 * went; {@code resolvedAt} when the worker recorded the outcome.
 */
public record PayoutView(
        String payoutId,
        String transcoder,
        long round,
        String amount,
        String status,
        String txHash,
        String gasFees,
        Instant createdAt,
        Instant paidAt,
        String payee,
        String amountSent,
        Long blockNumber,
        String gasPaidBy,
        String failureReason,
        Instant resolvedAt) {
}
