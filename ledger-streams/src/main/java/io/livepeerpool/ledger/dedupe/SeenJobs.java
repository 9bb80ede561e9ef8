package io.livepeerpool.ledger.dedupe;

import io.livepeerpool.protocol.rounds.RoundWindow;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The job rule in memory, for the replay: {@link RoundWindow} first, then once per {@code orchestrator|jobId}. An id
 * is kept under the highest roundJob of its copies taken inside the window, and forgotten when that round falls
 * below the window: every copy seen so far is then refused as late if it comes again, so forgetting changes no
 * verdict for them. Memory holds at most the ids of {@code retainRounds + 2} rounds once NewRounds flow, and all ids
 * before the first one.
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
        Long kept = roundJobById.get(dedupeKey);
        if (kept == null) {
            roundJobById.put(dedupeKey, roundJob);
            idsByRoundJob.computeIfAbsent(roundJob, r -> new HashSet<>()).add(dedupeKey);
            return JobVerdict.COUNTED;
        }
        if (roundJob > kept) {
            // a copy inside the window naming a later round: keep the id as long as that copy could come again
            idsByRoundJob.get(kept).remove(dedupeKey);
            roundJobById.put(dedupeKey, roundJob);
            idsByRoundJob.computeIfAbsent(roundJob, r -> new HashSet<>()).add(dedupeKey);
        }
        return JobVerdict.DUPLICATE;
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
