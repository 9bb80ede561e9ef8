package io.livepeerpool.gateway.reads;

import java.time.Instant;

/**
 * One round's settlement by the ledger: {@code revenue = poolFee + distributed + carriedRevenue}; the round's
 * allocations are all readable once {@code allocationCount} of them are (they are projected separately).
 */
public record SettlementView(
        long round,
        String revenue,
        String totalWeight,
        String poolFee,
        String distributed,
        String carriedRevenue,
        int allocationCount,
        Instant settledAt) {
}
