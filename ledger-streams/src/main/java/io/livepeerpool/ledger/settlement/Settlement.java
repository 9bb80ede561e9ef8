package io.livepeerpool.ledger.settlement;

import io.livepeerpool.ledger.weight.WeightSubtotals;
import java.math.BigInteger;
import java.util.List;
import java.util.SortedMap;

/**
 * Settles one round: splits the pending revenue over the pending weights. Pure: the topology's settlement processor
 * and the replay both call {@link #settle}, with the weights merged from every partition.
 *
 * <ul>
 *   <li>revenue > 0 and weight > 0: pool fee {@code floor(revenue * poolFeePpm / 1e6)}, the rest split by
 *       {@link LargestRemainder}; nothing carries.</li>
 *   <li>revenue > 0, no weight: the revenue carries to the next round (no fee taken yet).</li>
 *   <li>no revenue: the weights carry to the next round.</li>
 * </ul>
 */
public final class Settlement {
    private static final BigInteger PPM = BigInteger.valueOf(LedgerPolicy.PPM);

    private Settlement() {
    }

    /**
     * @param revenue revenue to settle: what the previous settlement carried plus the net revenue since
     * @param weights weights to settle: what the previous settlement carried merged with the subtotals of all
     *                partitions for the epoch
     */
    public static SettlementResult settle(long round, BigInteger revenue, WeightSubtotals weights,
                                          LedgerPolicy policy) {
        if (revenue.signum() < 0) {
            throw new IllegalArgumentException("revenue must be >= 0, got " + revenue);
        }
        BigInteger totalWeight = weights.total();
        if (revenue.signum() == 0) {
            return new SettlementResult(round, revenue, totalWeight, BigInteger.ZERO, BigInteger.ZERO,
                    BigInteger.ZERO, List.of(), weights);
        }
        if (totalWeight.signum() == 0) {
            return new SettlementResult(round, revenue, totalWeight, BigInteger.ZERO, BigInteger.ZERO, revenue,
                    List.of(), WeightSubtotals.empty());
        }
        BigInteger poolFee = revenue.multiply(BigInteger.valueOf(policy.poolFeePpm())).divide(PPM);
        BigInteger distributable = revenue.subtract(poolFee);
        SortedMap<String, BigInteger> amounts = LargestRemainder.split(distributable, weights.byTranscoder());
        List<Allocation> allocations = weights.byTranscoder().entrySet().stream()
                .map(e -> new Allocation(e.getKey(), e.getValue(), amounts.get(e.getKey())))
                .toList();
        return new SettlementResult(round, revenue, totalWeight, poolFee, distributable, BigInteger.ZERO,
                allocations, WeightSubtotals.empty());
    }
}
