package io.livepeerpool.ledger.streams.store;

import io.livepeerpool.ledger.dedupe.JobVerdict;
import io.livepeerpool.ledger.dedupe.SeenJobs;
import io.livepeerpool.protocol.rounds.RoundWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link SeenJobs}'s rule over one key-value store, for a processor: the {@link RoundWindow} first, then once per
 * id. {@code firstSeen} maps an id to the highest roundJob of its copies taken inside the window: one read per job,
 * and one write (one changelog record) per counted job.
 *
 * <p>Why no index by round: an index ({@code <roundJob>|id}) would let a purge delete by range, but it costs a
 * second write and changelog record for every counted job, which was half the ledger's per-job cost in the bench.
 * A purge happens once per NewRound per partition (rounds are hours apart on Arbitrum), so it scans the store
 * instead, in bounded batches; the ids it deletes are the same.
 */
public final class RoundDedupe {
    /** Entries read from the store per scan step; bounds the memory of a purge. */
    static final int PURGE_BATCH_MAX = 10_000;

    private final KeyValueStore<String, Long> firstSeen;
    private final int retainRounds;

    public RoundDedupe(KeyValueStore<String, Long> firstSeen, int retainRounds) {
        if (retainRounds < 0) {
            throw new IllegalArgumentException("retainRounds must be >= 0, got " + retainRounds);
        }
        this.firstSeen = firstSeen;
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
            return JobVerdict.COUNTED;
        }
        if (roundJob > kept) {
            firstSeen.put(id, roundJob);
        }
        return JobVerdict.DUPLICATE;
    }

    /** Forgets the ids whose highest roundJob is below the window once {@code currentRound} is R; returns how many. */
    public long purge(long currentRound) {
        long lowestKept = RoundWindow.lowestKept(currentRound, retainRounds);
        if (lowestKept <= 0) {
            return 0;
        }
        long purged = 0;
        String from = null;
        while (true) {
            List<String> expired = new ArrayList<>();
            String last = null;
            int read = 0;
            try (KeyValueIterator<String, Long> all = from == null ? firstSeen.all() : firstSeen.range(from, null)) {
                while (all.hasNext() && read < PURGE_BATCH_MAX) {
                    KeyValue<String, Long> entry = all.next();
                    read++;
                    last = entry.key;
                    if (entry.value < lowestKept) {
                        expired.add(entry.key);
                    }
                }
            }
            expired.forEach(firstSeen::delete);
            purged += expired.size();
            if (read < PURGE_BATCH_MAX) {
                return purged;
            }
            // next step starts after the last key read (ranges are inclusive: the smallest key above it)
            from = last + '\0';
        }
    }
}
