package io.livepeerpool.ledger.settlement;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Splits an integer amount over integer weights exactly: each key gets {@code floor(amount * w / W)}, then the
 * leftover (fewer than the number of keys) goes one unit each to the largest remainders
 * {@code amount * w mod W}; equal remainders go to the lower key first (for lowercase hex addresses, the lower
 * address). The shares always sum to {@code amount}.
 */
public final class LargestRemainder {

    private LargestRemainder() {
    }

    /** @param weights positive weights by key, at least one */
    public static SortedMap<String, BigInteger> split(BigInteger amount, SortedMap<String, BigInteger> weights) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must be >= 0, got " + amount);
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("nothing to split over: no weights");
        }
        BigInteger total = weights.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        if (total.signum() <= 0 || weights.values().stream().anyMatch(w -> w.signum() <= 0)) {
            throw new IllegalArgumentException("weights must be > 0: " + weights);
        }
        TreeMap<String, BigInteger> shares = new TreeMap<>();
        List<Share> remainders = new ArrayList<>(weights.size());
        BigInteger assigned = BigInteger.ZERO;
        for (Map.Entry<String, BigInteger> entry : weights.entrySet()) {
            BigInteger[] quotientAndRemainder = amount.multiply(entry.getValue()).divideAndRemainder(total);
            shares.put(entry.getKey(), quotientAndRemainder[0]);
            remainders.add(new Share(entry.getKey(), quotientAndRemainder[1]));
            assigned = assigned.add(quotientAndRemainder[0]);
        }
        int leftover = amount.subtract(assigned).intValueExact(); // < weights.size(): each floor loses < 1
        remainders.sort(Comparator.comparing(Share::remainder, Collections.reverseOrder())
                .thenComparing(Share::key));
        for (int i = 0; i < leftover; i++) {
            shares.merge(remainders.get(i).key(), BigInteger.ONE, BigInteger::add);
        }
        return Collections.unmodifiableSortedMap(shares);
    }

    private record Share(String key, BigInteger remainder) {
    }
}
