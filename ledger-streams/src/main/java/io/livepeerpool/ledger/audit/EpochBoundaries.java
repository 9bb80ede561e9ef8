package io.livepeerpool.ledger.audit;

import io.livepeerpool.schemas.avro.EpochBoundary;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The boundaries the live ledger recorded, by epoch: for each accepted NewRound, where its epoch begins in every jobs
 * partition. An epoch is complete when every partition has its boundary; the ledger settles it only then.
 */
public final class EpochBoundaries {
    private final int jobPartitions;
    private final Map<Long, Epoch> epochs = new TreeMap<>();

    /** One epoch's boundaries so far. */
    public record Epoch(long epoch, long round, Map<Integer, Long> offsets) {
    }

    public EpochBoundaries(int jobPartitions) {
        this.jobPartitions = jobPartitions;
    }

    /** Adds one boundary; a duplicate or one that disagrees with what is known is refused. */
    public void add(EpochBoundary b) {
        if (b.getJobsPartitions() != jobPartitions || b.getJobsPartition() < 0
                || b.getJobsPartition() >= jobPartitions) {
            throw new ExportException("boundary of epoch " + b.getEpoch() + " for jobs partition "
                    + b.getJobsPartition() + " of " + b.getJobsPartitions() + ", the jobs topic has " + jobPartitions
                    + " partitions");
        }
        Epoch epoch = epochs.computeIfAbsent(b.getEpoch(), e -> new Epoch(e, b.getRound(), new HashMap<>()));
        if (epoch.round() != b.getRound()) {
            throw new ExportException("epoch " + b.getEpoch() + ": boundaries for rounds " + epoch.round() + " and "
                    + b.getRound());
        }
        if (epoch.offsets().putIfAbsent(b.getJobsPartition(), b.getJobsOffset()) != null) {
            throw new ExportException("epoch " + b.getEpoch() + ": two boundaries for jobs partition "
                    + b.getJobsPartition());
        }
    }

    /** The epoch's boundaries once every jobs partition has one; empty before. */
    public Optional<Epoch> complete(long epoch) {
        Epoch found = epochs.get(epoch);
        return found != null && found.offsets().size() == jobPartitions ? Optional.of(found) : Optional.empty();
    }
}
