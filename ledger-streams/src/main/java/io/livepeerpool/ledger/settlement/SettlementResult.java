package io.livepeerpool.ledger.settlement;

import io.livepeerpool.ledger.weight.WeightSubtotals;
import java.math.BigInteger;
import java.util.List;

/**
 * The outcome of one NewRound. {@code revenue} and {@code totalWeight} include what was carried in.
 *
 * <p>The money invariants are checked on construction and stay on: a broken one is a bug, never a result.
 * <ul>
 *   <li>{@code revenue = poolFee + distributed + carriedRevenue}</li>
 *   <li>{@code distributed = sum of allocation amounts}</li>
 *   <li>{@code totalWeight = sum of allocation weights + carriedWeights.total()}</li>
 * </ul>
 *
 * @param allocations    one per transcoder with weight > 0, sorted by address; empty when nothing is distributed
 * @param carriedWeights weights to add to the next round's (non-empty only when there was no revenue)
 */
public record SettlementResult(long round, BigInteger revenue, BigInteger totalWeight, BigInteger poolFee,
                               BigInteger distributed, BigInteger carriedRevenue, List<Allocation> allocations,
                               WeightSubtotals carriedWeights) {

    public SettlementResult {
        allocations = List.copyOf(allocations);
        BigInteger allocated = allocations.stream().map(Allocation::amount).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger allocatedWeight = allocations.stream().map(Allocation::weight)
                .reduce(BigInteger.ZERO, BigInteger::add);
        for (int i = 1; i < allocations.size(); i++) {
            if (allocations.get(i - 1).transcoder().compareTo(allocations.get(i).transcoder()) >= 0) {
                throw new IllegalStateException("allocations must be sorted by address, one per transcoder");
            }
        }
        if (revenue.signum() < 0 || poolFee.signum() < 0 || carriedRevenue.signum() < 0
                || !revenue.equals(poolFee.add(distributed).add(carriedRevenue))
                || !distributed.equals(allocated)
                || !totalWeight.equals(allocatedWeight.add(carriedWeights.total()))) {
            throw new IllegalStateException("settlement of round " + round + " breaks the money invariants: revenue "
                    + revenue + ", poolFee " + poolFee + ", distributed " + distributed + " (allocated " + allocated
                    + "), carriedRevenue " + carriedRevenue + ", totalWeight " + totalWeight);
        }
    }
}
