package io.livepeerpool.ledger.audit;

import io.livepeerpool.ledger.streams.records.BoundarySource;
import io.livepeerpool.schemas.avro.EpochBoundary;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The boundaries the live ledger recorded, by epoch: for each accepted NewRound, where its epoch begins in every
 * partition of every placed source (jobs, payout outcomes, payout settings). An epoch is complete when every one of
 * them has its boundary: the jobs' are written when each jobs partition closes the epoch, the others when the epoch
 * settles, so a complete epoch is a settled one.
 */
public final class EpochBoundaries {
    private final Map<BoundarySource, Integer> partitions;
    private final int expected;
    private final Map<Long, Epoch> epochs = new TreeMap<>();

    /** One epoch's boundaries so far: per source, per partition, the first offset after the boundary. */
    public record Epoch(long epoch, long round, Map<BoundarySource, Map<Integer, Long>> offsets) {
        int size() {
            return offsets.values().stream().mapToInt(Map::size).sum();
        }

        public Map<Integer, Long> offsets(BoundarySource source) {
            return offsets.getOrDefault(source, Map.of());
        }
    }

    /** @param partitions each placed source's partition count, as the export reads the topics */
    public EpochBoundaries(Map<BoundarySource, Integer> partitions) {
        this.partitions = Map.copyOf(partitions);
        this.expected = partitions.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Adds one boundary; a duplicate or one that disagrees with what is known is refused. */
    public void add(EpochBoundary b) {
        BoundarySource source;
        try {
            source = BoundarySource.parse(b.getSource());
        } catch (IllegalArgumentException e) {
            throw new ExportException("boundary of epoch " + b.getEpoch() + ": source " + e.getMessage());
        }
        Integer count = partitions.get(source);
        if (count == null || b.getPartitions() != count || b.getPartition() < 0 || b.getPartition() >= count) {
            throw new ExportException("boundary of epoch " + b.getEpoch() + " for " + source.text() + " partition "
                    + b.getPartition() + " of " + b.getPartitions() + ", the topic has " + count + " partitions");
        }
        Epoch epoch = epochs.computeIfAbsent(b.getEpoch(), e -> new Epoch(e, b.getRound(), new HashMap<>()));
        if (epoch.round() != b.getRound()) {
            throw new ExportException("epoch " + b.getEpoch() + ": boundaries for rounds " + epoch.round() + " and "
                    + b.getRound());
        }
        if (epoch.offsets().computeIfAbsent(source, s -> new HashMap<>())
                .putIfAbsent(b.getPartition(), b.getOffset()) != null) {
            throw new ExportException("epoch " + b.getEpoch() + ": two boundaries for " + source.text()
                    + " partition " + b.getPartition());
        }
    }

    /** The epoch's boundaries once every partition of every source has one; empty before. */
    public Optional<Epoch> complete(long epoch) {
        Epoch found = epochs.get(epoch);
        return found != null && found.size() == expected ? Optional.of(found) : Optional.empty();
    }
}
