package io.livepeerpool.gateway.reads;

import java.time.Instant;

/**
 * One allocation of the ledger as the public API shows it: a transcoder's share of one round's settlement, with its
 * balance after it (and after any payout request it triggered). Wei and weights are decimal strings.
 */
public record RewardView(
        long round,
        String transcoder,
        String weight,
        String amount,
        String balanceAfter,
        Instant settledAt) {
}
