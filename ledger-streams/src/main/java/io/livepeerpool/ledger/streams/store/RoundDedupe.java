package io.livepeerpool.ledger.streams.store;

import io.livepeerpool.ledger.dedupe.JobVerdict;
import io.livepeerpool.protocol.rounds.RoundWindow;
import io.livepeerpool.ledger.dedupe.SeenJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link SeenJobs}'s rule over two key-value stores, for a processor: the {@link RoundWindow} first, then once per
 * id. {@code firstSeen} maps an id to the highest roundJob of its copies taken inside the window (one lookup per
 * job), and {@code byRound}
 * indexes the same ids by {@code <roundJob>|<id>} so that the ids of rounds below the window are deleted by scanning
 * one range. The processor purges at every NewRound marker.
 */
public final class RoundDedupe {
    /** Keys read from the index before they are deleted; bounds the memory of a purge. */
    static final int PURGE_BATCH_MAX = 10_000;

    private final KeyValueStore<String, Long> firstSeen;
    private final KeyValueStore<String, Long> byRound;
    private final int retainRounds;

    public RoundDedupe(KeyValueStore<String, Long> firstSeen, KeyValueStore<String, Long> byRound, int retainRounds) {
        if (retainRounds < 0) {
            throw new IllegalArgumentException("retainRounds must be >= 0, got " + retainRounds);
        }
        this.firstSeen = firstSeen;
        this.byRound = byRound;
        this.retainRounds = retainRounds;
    }

    /** Decides one posted job with R = {@code currentRound}, and records it when it counts. */
    public JobVerdict decide(String id, long roundJob, OptionalLong currentRound) {
        var refusal = RoundWindow.refusal(roundJob, currentRound, retainRounds);
        if (refusal.isPresent()) {
            return new JobVerdict.Refused(refusal.get(), currentRound.getAsLong());
        }
        Long kept = firstSeen.get(id);
        if (kept == null) {
            firstSeen.put(id, roundJob);
            byRound.put(EpochKeys.of(roundJob, id), roundJob);
            return JobVerdict.COUNTED;
        }
        if (roundJob > kept) {
            byRound.delete(EpochKeys.of(kept, id));
            firstSeen.put(id, roundJob);
            byRound.put(EpochKeys.of(roundJob, id), roundJob);
        }
        return JobVerdict.DUPLICATE;
    }

    /** Forgets the ids kept under a roundJob below the window once {@code currentRound} is R; returns how many. */
    public long purge(long currentRound) {
        long lowestKept = RoundWindow.lowestKept(currentRound, retainRounds);
        if (lowestKept <= 0) {
            return 0;
        }
        long purged = 0;
        while (true) {
            List<KeyValue<String, Long>> batch = new ArrayList<>();
            // No key equals "<lowestKept>|" (ids are never empty), so the inclusive range ends before that round.
            try (KeyValueIterator<String, Long> expired = byRound.range(EpochKeys.prefix(0),
                    EpochKeys.prefix(lowestKept))) {
                while (expired.hasNext() && batch.size() < PURGE_BATCH_MAX) {
                    batch.add(expired.next());
                }
            }
            if (batch.isEmpty()) {
                return purged;
            }
            for (KeyValue<String, Long> entry : batch) {
                byRound.delete(entry.key);
                firstSeen.delete(EpochKeys.rest(entry.key));
            }
            purged += batch.size();
        }
    }
}
