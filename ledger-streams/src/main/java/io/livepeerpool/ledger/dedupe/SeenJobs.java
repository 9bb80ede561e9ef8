package io.livepeerpool.ledger.dedupe;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The job rule in memory, for the replay: {@link RoundWindow} first, then once per {@code orchestrator|jobId}. Ids
 * are kept by the roundJob of their counted copy and forgotten when that round falls below the window (every copy
 * of them that repeats the report is refused as late from then on), so memory holds at most the ids of
 * {@code retainRounds + 2} rounds once NewRounds flow, and all ids before the first one.
 *
 * <p>A streams processor keeps the same state in two stores (id -> roundJob, and an index by roundJob for the
 * purge) and calls the same {@link RoundWindow} rule. Mutable and single-threaded.
 */
public final class SeenJobs {
    private final int retainRounds;
    private final Map<String, Long> roundJobById = new HashMap<>();
    private final TreeMap<Long, Set<String>> idsByRoundJob = new TreeMap<>();
    private OptionalLong currentRound = OptionalLong.empty();

    public SeenJobs(int retainRounds) {
        if (retainRounds < 0) {
            throw new IllegalArgumentException("retainRounds must be >= 0, got " + retainRounds);
        }
        this.retainRounds = retainRounds;
    }

    /** Decides one posted job and records it when it counts. */
    public JobVerdict decide(String dedupeKey, long roundJob) {
        var refusal = RoundWindow.refusal(roundJob, currentRound, retainRounds);
        if (refusal.isPresent()) {
            return new JobVerdict.Refused(refusal.get(), currentRound.getAsLong());
        }
        if (roundJobById.putIfAbsent(dedupeKey, roundJob) != null) {
            return JobVerdict.DUPLICATE;
        }
        idsByRoundJob.computeIfAbsent(roundJob, r -> new HashSet<>()).add(dedupeKey);
        return JobVerdict.COUNTED;
    }

    /** An accepted NewRound: R becomes {@code round}, and ids of rounds below the window are forgotten. */
    public void newRound(long round) {
        currentRound = OptionalLong.of(round);
        var expired = idsByRoundJob.headMap(RoundWindow.lowestKept(round, retainRounds), false);
        expired.values().forEach(ids -> ids.forEach(roundJobById::remove));
        expired.clear();
    }

    public OptionalLong currentRound() {
        return currentRound;
    }

    /** How many ids are remembered now. */
    public int size() {
        return roundJobById.size();
    }
}
