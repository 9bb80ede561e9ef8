package io.livepeerpool.ledger.streams.store;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What a jobs partition keeps of a counted job, under its {@code orchestrator|jobId}: the highest roundJob of its
 * copies taken inside the window (the dedupe rule's key to forgetting it), and the epoch, transcoder and weight it
 * counted with. The last three make the open epoch's subtotals a function of this store alone, so they need no store
 * (and no changelog record) of their own: see {@link RoundDedupe#weightsOf(long)}.
 */
public record CountedJob(long roundJob, long epoch, String transcoder, BigInteger weight) {
    public CountedJob {
        Objects.requireNonNull(transcoder, "transcoder");
        Objects.requireNonNull(weight, "weight");
        if (weight.signum() < 0) {
            throw new IllegalArgumentException("weight must be >= 0, got " + weight);
        }
    }

    /** The same job, now also seen with {@code roundJob}: keeps the highest. */
    CountedJob seenAgain(long roundJob) {
        return roundJob > this.roundJob ? new CountedJob(roundJob, epoch, transcoder, weight) : this;
    }
}
