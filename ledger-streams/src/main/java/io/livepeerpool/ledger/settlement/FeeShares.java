package io.livepeerpool.ledger.settlement;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The delegators' fee share in force per orchestrator: the feeShare (ppm) of its last on-chain TranscoderUpdate, in
 * chain order, or {@code ledger.delegatorFeeSharePpm} for an orchestrator without one yet. A transfer uses the value
 * in force when it is applied, so an update counts from its own position in the chain events on.
 *
 * <p>Mutable and single-threaded (the replay keeps one); a streams processor keeps the same map in a store and calls
 * {@link #inForce(Integer, LedgerPolicy)}.
 */
public final class FeeShares {
    private final Map<String, Integer> updated = new HashMap<>();

    /** The rule on its own: the orchestrator's last on-chain feeShare, else the policy's default. */
    public static int inForce(Integer lastUpdate, LedgerPolicy policy) {
        return lastUpdate != null ? lastUpdate : policy.delegatorFeeSharePpm();
    }

    /** A TranscoderUpdate's feeShare, checked: parts per million, 0 to 1,000,000. */
    public static int requirePpm(long feeShare) {
        if (feeShare < 0 || feeShare > LedgerPolicy.PPM) {
            throw new IllegalArgumentException("feeShare must be between 0 and " + LedgerPolicy.PPM + " ppm, got "
                    + feeShare);
        }
        return (int) feeShare;
    }

    public void update(String orchestrator, long feeShare) {
        updated.put(Objects.requireNonNull(orchestrator, "orchestrator"), requirePpm(feeShare));
    }

    public int inForce(String orchestrator, LedgerPolicy policy) {
        return inForce(updated.get(orchestrator), policy);
    }
}
