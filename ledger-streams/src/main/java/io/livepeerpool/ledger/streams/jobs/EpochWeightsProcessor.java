package io.livepeerpool.ledger.streams.jobs;

import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.records.Amounts;
import io.livepeerpool.ledger.streams.records.LedgerRecords;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.ledger.weight.WeightSubtotals;
import io.livepeerpool.schemas.avro.EpochMarker;
import io.livepeerpool.schemas.avro.EpochSubtotals;
import io.livepeerpool.schemas.avro.JobWeighed;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import io.livepeerpool.schemas.avro.TranscoderWeight;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One job-weights partition: adds each deduplicated job's weight to its transcoder's subtotal for the open epoch;
 * at the NewRound marker, hands the partition's {@link WeightSubtotals} to the barrier (in chunks of at most
 * {@value #CHUNK_LINES_MAX} transcoders, so a record stays far below Kafka's 1 MB limit) and starts the next epoch
 * from nothing. Jobs after the marker belong to the next epoch: the ledger is a function of per-partition order.
 *
 * <p>The subtotals live in a store keyed by transcoder (one read and one write per job, instead of rewriting the
 * whole map); they become a {@code WeightSubtotals}, which validates them, when the epoch closes.
 */
public final class EpochWeightsProcessor extends ContextualProcessor<String, LedgerJobEvent, String,
        LedgerBarrierEvent> {
    public static final int CHUNK_LINES_MAX = 2_000;

    private final int weightPartitions;
    private KeyValueStore<String, BigInteger> weights;
    private KeyValueStore<String, Long> epochStore;

    public EpochWeightsProcessor(int weightPartitions) {
        this.weightPartitions = weightPartitions;
    }

    @Override
    public void init(ProcessorContext<String, LedgerBarrierEvent> context) {
        super.init(context);
        weights = context.getStateStore(LedgerStores.EPOCH_WEIGHTS);
        epochStore = context.getStateStore(LedgerStores.WEIGHTS_EPOCH);
    }

    @Override
    public void process(Record<String, LedgerJobEvent> record) {
        switch (record.value().getEvent()) {
            case JobWeighed job -> {
                BigInteger weight = Amounts.fromAvro(job.getWeight(), "weight");
                BigInteger before = weights.get(job.getTranscoder());
                weights.put(job.getTranscoder(), before == null ? weight : before.add(weight));
            }
            case EpochMarker marker -> close(marker, record.timestamp());
            default -> throw new IllegalStateException(Where.of(context()) + ": unexpected event "
                    + record.value().getEvent());
        }
    }

    private void close(EpochMarker marker, long timestamp) {
        int partition = context().recordMetadata().orElseThrow().partition();
        Long last = epochStore.get(LedgerStores.EPOCH);
        long closed = last == null ? 0 : last;
        if (marker.getEpoch() != closed + 1 || marker.getWeightPartitions() != weightPartitions
                || partition >= weightPartitions) {
            throw new IllegalStateException(Where.of(context()) + ": marker of epoch " + marker.getEpoch() + " for "
                    + marker.getWeightPartitions() + " partitions after epoch " + closed + ", running with "
                    + weightPartitions + " partitions: markers reach every partition once and in order");
        }
        Map<String, BigInteger> open = new HashMap<>();
        try (KeyValueIterator<String, BigInteger> all = weights.all()) {
            while (all.hasNext()) {
                KeyValue<String, BigInteger> entry = all.next();
                open.put(entry.key, entry.value);
            }
        }
        List<List<TranscoderWeight>> chunks = LedgerRecords.chunks(WeightSubtotals.of(open), CHUNK_LINES_MAX);
        for (int i = 0; i < chunks.size(); i++) {
            EpochSubtotals part = new EpochSubtotals(marker.getEpoch(), marker.getRound(), partition,
                    weightPartitions, i, chunks.size(), chunks.get(i));
            context().forward(new Record<>(LedgerStores.POOL, new LedgerBarrierEvent(part), timestamp));
        }
        open.keySet().forEach(weights::delete);
        epochStore.put(LedgerStores.EPOCH, marker.getEpoch());
    }
}
