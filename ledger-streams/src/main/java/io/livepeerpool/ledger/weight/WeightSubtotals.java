package io.livepeerpool.ledger.weight;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Weight per transcoder for one epoch (the jobs between two NewRound markers), immutable.
 *
 * <p>This is the accumulator of the settlement barrier: each jobs partition keeps one, adds each counted job with
 * {@link #plus(String, BigInteger)}, emits it at the NewRound marker and starts again from {@link #empty()}. The
 * settlement {@link #merge merges} the subtotals of all partitions (and the weights carried from an unpaid round).
 * Merging is a sum per transcoder, so the merged map, and hence the settlement, does not depend on how jobs were
 * partitioned or in which order the subtotals arrive.
 *
 * <p>Only positive weights are kept: a transcoder with weight 0 has no entry (and gets no allocation line).
 * {@code plus} copies the map, O(transcoders) per job, which stays small (one entry per transcoder of the pool);
 * only the added entry is validated, the others were when they came in.
 */
public final class WeightSubtotals {
    private static final WeightSubtotals EMPTY = new WeightSubtotals(new TreeMap<>());

    private final SortedMap<String, BigInteger> byTranscoder;

    private WeightSubtotals(TreeMap<String, BigInteger> validated) {
        this.byTranscoder = Collections.unmodifiableSortedMap(validated);
    }

    public static WeightSubtotals empty() {
        return EMPTY;
    }

    /** Subtotals from a map of lowercase addresses to weights >= 0 (zero weights are dropped). */
    public static WeightSubtotals of(Map<String, BigInteger> weights) {
        TreeMap<String, BigInteger> positive = new TreeMap<>();
        weights.forEach((transcoder, weight) -> {
            if (requireValid(transcoder, weight).signum() != 0) {
                positive.put(transcoder, weight);
            }
        });
        return new WeightSubtotals(positive);
    }

    /** These subtotals with {@code weight} (>= 0) added to {@code transcoder}. */
    public WeightSubtotals plus(String transcoder, BigInteger weight) {
        if (requireValid(transcoder, weight).signum() == 0) {
            return this;
        }
        TreeMap<String, BigInteger> sum = new TreeMap<>(byTranscoder);
        sum.merge(transcoder, weight, BigInteger::add);
        return new WeightSubtotals(sum);
    }

    public WeightSubtotals plus(WeightSubtotals other) {
        return merge(List.of(this, other));
    }

    /** Sum per transcoder of any number of subtotals: the settlement barrier's merge. */
    public static WeightSubtotals merge(Collection<WeightSubtotals> parts) {
        TreeMap<String, BigInteger> sum = new TreeMap<>();
        for (WeightSubtotals part : parts) {
            part.byTranscoder.forEach((transcoder, weight) -> sum.merge(transcoder, weight, BigInteger::add));
        }
        return new WeightSubtotals(sum);
    }

    /** Positive weights by lowercase address, in address order; unmodifiable. */
    public SortedMap<String, BigInteger> byTranscoder() {
        return byTranscoder;
    }

    public BigInteger weightOf(String transcoder) {
        return byTranscoder.getOrDefault(transcoder, BigInteger.ZERO);
    }

    public BigInteger total() {
        return byTranscoder.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    public boolean isEmpty() {
        return byTranscoder.isEmpty();
    }

    private static BigInteger requireValid(String transcoder, BigInteger weight) {
        Address.requireLowercase(transcoder, "transcoder");
        if (Objects.requireNonNull(weight, "weight").signum() < 0) {
            throw new IllegalArgumentException("weight of " + transcoder + " must be >= 0, got " + weight);
        }
        return weight;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightSubtotals other && byTranscoder.equals(other.byTranscoder);
    }

    @Override
    public int hashCode() {
        return byTranscoder.hashCode();
    }

    @Override
    public String toString() {
        return "WeightSubtotals" + byTranscoder;
    }
}
