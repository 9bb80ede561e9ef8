package io.livepeerpool.ledger.audit;

import io.livepeerpool.ledger.streams.records.BoundarySource;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@code pool ledger export}: the retained source topics as replay input lines, each job in the epoch the live
 * ledger counted it in. The chain events are written in order; before each NewRound the ledger accepted (a round
 * above the last one, as the ledger and the replay count them), the jobs of every partition below that epoch's
 * boundary are written, partition by partition in offset order, then the payout outcomes and the payout settings the
 * ledger applied before that epoch's settlement. So the replay sees every job before the NewRound that settled it,
 * every copy of a job (one partition) in the order the ledger saw them, and every member's outcome and settings on
 * the same side of each settlement as the ledger did.
 *
 * <p>Ends are taken first for the boundaries, then for the sources, so every boundary read points into records that
 * are read. The export stops at the first accepted NewRound whose boundaries are not all written yet (the ledger has
 * not closed that epoch everywhere), or after {@code throughRound}; without a limit, the jobs after the last
 * boundary close the file (an open epoch, settled by nothing).
 */
public final class LedgerExport {
    private final TopicReader reader;
    private final ExportSources sources;

    /** Lines written, and how far the export went. */
    public record Summary(long lines, long epochs, long lastRound) {
    }

    public LedgerExport(TopicReader reader, ExportSources sources) {
        this.reader = reader;
        this.sources = sources;
    }

    /**
     * @param throughRound when present, stop before the first accepted NewRound above it (the audit: through the last
     *                     published settlement)
     */
    public Summary export(Writer out, OptionalLong throughRound) {
        List<TopicReader.PartitionEnd> boundaryEnds = reader.ends(sources.boundaries());
        List<Placed<?>> placed = new ArrayList<>();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            Map<BoundarySource, Integer> partitions = new EnumMap<>(BoundarySource.class);
            for (Map.Entry<BoundarySource, SourceTopic<?>> source : sources.placedByBoundaries().entrySet()) {
                Placed<?> opened = Placed.open(reader, source.getKey(), source.getValue(), open);
                placed.add(opened);
                partitions.put(source.getKey(), opened.cursors().size());
            }
            EpochBoundaries boundaries = readBoundaries(boundaryEnds, partitions, open);
            TopicReader.PartitionEnd chainEnd = reader.ends(sources.chain().topic()).getFirst();
            PartitionCursor<ChainEvent> chain = reader.open(sources.chain().topic(), chainEnd);
            open.add(chain);
            return new Run(out, placed, boundaries, throughRound).through(chain, sources.chain().lines());
        } finally {
            for (AutoCloseable closeable : open) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // reading is done; a consumer that fails to close changes nothing written
                }
            }
        }
    }

    private EpochBoundaries readBoundaries(List<TopicReader.PartitionEnd> ends, Map<BoundarySource, Integer> partitions,
                                           List<AutoCloseable> open) {
        EpochBoundaries boundaries = new EpochBoundaries(partitions);
        for (TopicReader.PartitionEnd end : ends) {
            PartitionCursor<EpochBoundary> cursor = reader.open(sources.boundaries(), end);
            open.add(cursor);
            cursor.forEachRemaining((offset, boundary) -> boundaries.add(boundary));
        }
        return boundaries;
    }

    /** A topic placed by boundaries: one cursor per partition. */
    private record Placed<V extends SpecificRecord>(BoundarySource kind, SourceTopic<V> source,
                                                    List<PartitionCursor<V>> cursors) {
        static <V extends SpecificRecord> Placed<V> open(TopicReader reader, BoundarySource kind,
                                                         SourceTopic<V> source, List<AutoCloseable> open) {
            List<PartitionCursor<V>> cursors = new ArrayList<>();
            for (TopicReader.PartitionEnd end : reader.ends(source.topic())) {
                PartitionCursor<V> cursor = reader.open(source.topic(), end);
                open.add(cursor);
                cursors.add(cursor);
            }
            return new Placed<>(kind, source, cursors);
        }

        void writeBelow(EpochBoundaries.Epoch epoch, Run run) {
            for (int p = 0; p < cursors.size(); p++) {
                cursors.get(p).forEachBelow(epoch.offsets(kind).get(p), (offset, value) -> run.write(source.lines(),
                        value));
            }
        }

        void writeRest(Run run) {
            cursors.forEach(cursor -> cursor.forEachRemaining((offset, value) -> run.write(source.lines(), value)));
        }
    }

    /** One export: the ledger's view of rounds (last accepted round, epoch) while the chain is written. */
    private static final class Run {
        private final Writer out;
        private final List<Placed<?>> placed;
        private final EpochBoundaries boundaries;
        private final OptionalLong throughRound;
        private long lines;
        private long epoch;
        private long lastRound = -1;

        Run(Writer out, List<Placed<?>> placed, EpochBoundaries boundaries, OptionalLong throughRound) {
            this.out = out;
            this.placed = placed;
            this.boundaries = boundaries;
            this.throughRound = throughRound;
        }

        Summary through(PartitionCursor<ChainEvent> chain, LineWriter<ChainEvent> chainLines) {
            boolean[] stopped = {false};
            chain.forEachRemaining((offset, event) -> {
                if (stopped[0]) {
                    return;
                }
                if (event.getEvent() instanceof NewRoundEvent newRound && newRound.getRound() > lastRound) {
                    if (!closeEpoch(newRound.getRound())) {
                        stopped[0] = true;
                        return;
                    }
                }
                write(chainLines, event);
            });
            if (throughRound.isEmpty()) {
                placed.forEach(source -> source.writeRest(this));
            }
            flush();
            return new Summary(lines, epoch, lastRound);
        }

        /** Writes every placed record of the epoch this NewRound closes; false when the export ends before it. */
        private boolean closeEpoch(long round) {
            if (throughRound.isPresent() && round > throughRound.getAsLong()) {
                return false;
            }
            var closing = boundaries.complete(epoch + 1);
            if (closing.isEmpty()) {
                return false;
            }
            if (closing.get().round() != round) {
                throw new ExportException("epoch " + (epoch + 1) + ": the ledger recorded its boundaries for round "
                        + closing.get().round() + ", the chain's next accepted NewRound is round " + round);
            }
            placed.forEach(source -> source.writeBelow(closing.get(), this));
            epoch++;
            lastRound = round;
            return true;
        }

        <V> void write(LineWriter<V> writer, V value) {
            try {
                for (String line : writer.lines(value)) {
                    out.write(line);
                    out.write('\n');
                    lines++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
