package io.livepeerpool.gateway.reads;

import java.time.Instant;

/**
 * A winning ticket and what became of it on chain, as the public API shows it; wei as decimal strings. Never the
 * recipientRand nor the signature (the read model does not hold them).
 *
 * @param status        {@code Not claimed} until the redeemer's outcome is projected, then {@code Claimed},
 *                      {@code Failed} or {@code Expired}
 * @param reason        why it failed or expired, as the redeemer classified it
 * @param txHash        the redemption transaction (the pool's, or the orchestrator's own when it reported one)
 * @param redeemedBlock the block of that transaction, when the pool's redeemer mined one
 * @param gasFees       this ticket's share of that transaction's gas
 * @param redeemedAt    when the redeemer recorded the outcome
 */
public record WinningTicketView(
        String ticketHash,
        String sender,
        String recipient,
        String faceValue,
        String status,
        String reason,
        String txHash,
        Long redeemedBlock,
        String amountTransferred,
        String gasFees,
        long creationRound,
        Instant receivedAt,
        Instant redeemedAt) {
}
