package io.livepeerpool.ledger.audit;

import java.math.BigInteger;
import java.util.List;

/**
 * One settlement as the audit compares it, from either side (the published topics or the replay's output): the
 * settlement's figures, its allocation lines in address order, and the payout requests it triggered.
 */
public record AuditedRound(long round, BigInteger revenue, BigInteger totalWeight, BigInteger poolFee,
                           BigInteger distributed, BigInteger carriedRevenue, List<Line> allocations,
                           List<Payout> payouts) {

    /** An allocation line; {@code balanceAfter} is null where the side does not say it (the replay's output). */
    public record Line(String transcoder, BigInteger weight, BigInteger amount, BigInteger balanceAfter) {
    }

    public record Payout(String transcoder, BigInteger amount, String payoutId) {
    }
}
