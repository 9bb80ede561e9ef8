package io.livepeerpool.ledger.streams.jobs;

import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.records.BoundarySource;
import io.livepeerpool.ledger.streams.records.LedgerRecords;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.ledger.weight.WeightSubtotals;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.avro.EpochMarker;
import io.livepeerpool.schemas.avro.EpochSubtotals;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import io.livepeerpool.schemas.avro.TranscoderWeight;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The NewRound marker on partition p of the markers topic closes the open epoch of jobs partition p (the same task
 * reads both). In one transaction it writes
 * <ul>
 *   <li>the {@link EpochBoundary}: the offset after the last job this partition processed, i.e. where the next
 *       epoch begins in the retained jobs topic. This is what makes the ledger reproducible: jobs and markers
 *       interleave however the task happened to read them, and the boundary records the outcome, so an export
 *       puts every job where the live ledger put it;</li>
 *   <li>the partition's {@link WeightSubtotals} to the barrier, in chunks of at most {@value #CHUNK_LINES_MAX}
 *       transcoders (a record stays far below Kafka's 1 MB limit);</li>
 * </ul>
 * then empties the subtotals and moves the partition's epoch, its R (the marker's round) and its round window on.
 */
public final class EpochCloseProcessor extends ContextualProcessor<String, LedgerJobEvent, String, SpecificRecord> {
    public static final int CHUNK_LINES_MAX = 2_000;

    private final int jobPartitions;
    private final int retainRounds;
    private final String barrierSink;
    private final String boundariesSink;
    private KeyValueStore<String, BigInteger> subtotals;
    private KeyValueStore<String, Long> epochStore;
    private KeyValueStore<String, Long> position;
    private JobDedupe dedupe;

    public EpochCloseProcessor(int jobPartitions, int retainRounds, String barrierSink, String boundariesSink) {
        this.jobPartitions = jobPartitions;
        this.retainRounds = retainRounds;
        this.barrierSink = barrierSink;
        this.boundariesSink = boundariesSink;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        subtotals = context.getStateStore(LedgerStores.EPOCH_WEIGHTS);
        epochStore = context.getStateStore(LedgerStores.JOBS_EPOCH);
        position = context.getStateStore(LedgerStores.JOBS_POSITION);
        dedupe = new JobDedupe(context, retainRounds);
    }

    @Override
    public void process(Record<String, LedgerJobEvent> record) {
        if (!(record.value().getEvent() instanceof EpochMarker marker)) {
            throw new IllegalStateException(Where.of(context()) + ": unexpected event " + record.value().getEvent());
        }
        int partition = context().recordMetadata().orElseThrow().partition();
        Long last = epochStore.get(LedgerStores.EPOCH);
        long closed = last == null ? 0 : last;
        if (marker.getEpoch() != closed + 1 || marker.getWeightPartitions() != jobPartitions
                || partition >= jobPartitions) {
            throw new IllegalStateException(Where.of(context()) + ": marker of epoch " + marker.getEpoch() + " for "
                    + marker.getWeightPartitions() + " partitions after epoch " + closed + ", running with "
                    + jobPartitions + " jobs partitions: markers reach every partition once and in order");
        }
        Long next = position.get(LedgerStores.POSITION);
        EpochBoundary boundary = BoundarySource.JOBS.boundary(marker.getEpoch(), marker.getRound(), partition,
                jobPartitions, next == null ? 0L : next);
        context().forward(new Record<String, SpecificRecord>(BoundarySource.JOBS.key(marker.getEpoch(), partition),
                boundary, record.timestamp()), boundariesSink);
        sendSubtotals(marker, partition, record.timestamp());
        epochStore.put(LedgerStores.EPOCH, marker.getEpoch());
        epochStore.put(LedgerStores.ROUND, marker.getRound());
        dedupe.enter(marker.getRound());
    }

    private void sendSubtotals(EpochMarker marker, int partition, long timestamp) {
        Map<String, BigInteger> open = new HashMap<>();
        try (KeyValueIterator<String, BigInteger> all = subtotals.all()) {
            while (all.hasNext()) {
                KeyValue<String, BigInteger> entry = all.next();
                open.put(entry.key, entry.value);
            }
        }
        List<List<TranscoderWeight>> chunks = LedgerRecords.chunks(WeightSubtotals.of(open), CHUNK_LINES_MAX);
        for (int i = 0; i < chunks.size(); i++) {
            EpochSubtotals part = new EpochSubtotals(marker.getEpoch(), marker.getRound(), partition,
                    jobPartitions, i, chunks.size(), chunks.get(i));
            context().forward(new Record<String, SpecificRecord>(LedgerStores.POOL, new LedgerBarrierEvent(part),
                    timestamp), barrierSink);
        }
        open.keySet().forEach(subtotals::delete);
    }
}
