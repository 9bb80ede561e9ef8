package io.livepeerpool.ledger.streams.store;

import io.livepeerpool.ledger.dedupe.JobVerdict;
import io.livepeerpool.ledger.dedupe.SeenJobs;
import io.livepeerpool.protocol.rounds.RoundWindow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@link SeenJobs}'s rule over one key-value store, for a processor: the {@link RoundWindow} first, then once per
 * id. {@code counted} maps an id to its {@link CountedJob} (the highest roundJob of its copies taken inside the
 * window, and the epoch, transcoder and weight it counted with): one read per job, and one write (one changelog
 * record) per counted job.
 *
 * <p>Why no index by round: an index ({@code <roundJob>|id}) would let a purge delete by range, but it costs a
 * second write and changelog record for every counted job, which was half the ledger's per-job cost in the bench.
 * A purge happens once per NewRound per partition (rounds are hours apart on Arbitrum), so it scans the store
 * instead, in bounded batches; the ids it deletes are the same.
 */
public final class RoundDedupe {
    /** Entries read from the store per scan step; bounds the memory of a purge. */
    static final int PURGE_BATCH_MAX = 10_000;

    private final KeyValueStore<String, CountedJob> counted;
    private final int retainRounds;

    public RoundDedupe(KeyValueStore<String, CountedJob> counted, int retainRounds) {
        if (retainRounds < 0) {
            throw new IllegalArgumentException("retainRounds must be >= 0, got " + retainRounds);
        }
        this.counted = counted;
        this.retainRounds = retainRounds;
    }

    /**
     * Decides one posted job with R = {@code currentRound}; when it counts, records {@code ifCounted} (whose
     * roundJob must be the job's).
     */
    public JobVerdict decide(String id, long roundJob, OptionalLong currentRound, Supplier<CountedJob> ifCounted) {
        var refusal = RoundWindow.refusal(roundJob, currentRound, retainRounds);
        if (refusal.isPresent()) {
            return new JobVerdict.Refused(refusal.get(), currentRound.getAsLong());
        }
        CountedJob kept = counted.get(id);
        if (kept == null) {
            CountedJob job = ifCounted.get();
            if (job.roundJob() != roundJob) {
                throw new IllegalArgumentException("counted job of round " + job.roundJob() + " for a copy of round "
                        + roundJob);
            }
            counted.put(id, job);
            return JobVerdict.COUNTED;
        }
        CountedJob again = kept.seenAgain(roundJob);
        if (again != kept) {
            counted.put(id, again);
        }
        return JobVerdict.DUPLICATE;
    }

    /**
     * The weight per transcoder of the jobs counted in {@code epoch} that the store still holds: after a restart,
     * the open epoch's subtotals exactly (ids are forgotten only at a marker, after their epoch closed). A full scan.
     */
    public Map<String, BigInteger> weightsOf(long epoch) {
        Map<String, BigInteger> weights = new HashMap<>();
        try (KeyValueIterator<String, CountedJob> all = counted.all()) {
            while (all.hasNext()) {
                CountedJob job = all.next().value;
                if (job.epoch() == epoch) {
                    weights.merge(job.transcoder(), job.weight(), BigInteger::add);
                }
            }
        }
        return weights;
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
            try (KeyValueIterator<String, CountedJob> all = from == null ? counted.all() : counted.range(from, null)) {
                while (all.hasNext() && read < PURGE_BATCH_MAX) {
                    KeyValue<String, CountedJob> entry = all.next();
                    read++;
                    last = entry.key;
                    if (entry.value.roundJob() < lowestKept) {
                        expired.add(entry.key);
                    }
                }
            }
            expired.forEach(counted::delete);
            purged += expired.size();
            if (read < PURGE_BATCH_MAX) {
                return purged;
            }
            // next step starts after the last key read (ranges are inclusive: the smallest key above it)
            from = last + '\0';
        }
    }
}
