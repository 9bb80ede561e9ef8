package io.livepeerpool.payout.fees;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The payout requests that have no outcome yet, from the two topics that say so: a request adds its amount, any
 * outcome (Paid, Refused, Reverted) of the same payoutId removes it. The topics are read independently, so an outcome
 * may come before its request: the id is remembered as settled and the late request is ignored. A request seen twice
 * counts once.
 */
public final class PayoutsDue {
    private final Map<String, BigInteger> open = new LinkedHashMap<>();
    private final Set<String> settled = new HashSet<>();

    public void onRequest(String payoutId, BigInteger amount) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative payout request " + payoutId);
        }
        if (!settled.contains(payoutId)) {
            open.putIfAbsent(payoutId, amount);
        }
    }

    public void onOutcome(String payoutId) {
        settled.add(payoutId);
        open.remove(payoutId);
    }

    /** Open requests by payoutId, in the order they were read. */
    public Map<String, BigInteger> open() {
        return Map.copyOf(open);
    }

    /** Wei of every open request except {@code alsoSettled} (ids the contract already paid or refused). */
    public BigInteger total(Set<String> alsoSettled) {
        BigInteger sum = BigInteger.ZERO;
        for (Map.Entry<String, BigInteger> e : open.entrySet()) {
            if (!alsoSettled.contains(e.getKey())) {
                sum = sum.add(e.getValue());
            }
        }
        return sum;
    }
}
