package io.livepeerpool.ledger.streams.jobs;

import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.store.DedupeWindow;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.schemas.avro.EpochMarker;
import io.livepeerpool.schemas.avro.JobWeighed;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One job-dedupe partition: passes on the first sighting of each {@code orchestrator|jobId} (re-keyed by transcoder,
 * for the job-weights topic) and drops the copies. The partition learns the epoch from the NewRound markers the
 * chain processor writes to every partition, and then forgets the ids whose window has ended
 * ({@code ledger.dedupe.retainRounds}, see {@link DedupeWindow}).
 */
public final class JobDedupeProcessor extends ContextualProcessor<String, LedgerJobEvent, String, LedgerJobEvent> {
    private final int retainedEpochs;
    private KeyValueStore<String, Long> epochStore;
    private DedupeWindow window;

    public JobDedupeProcessor(int retainedEpochs) {
        this.retainedEpochs = retainedEpochs;
    }

    @Override
    public void init(ProcessorContext<String, LedgerJobEvent> context) {
        super.init(context);
        epochStore = context.getStateStore(LedgerStores.JOB_DEDUPE_EPOCH);
        window = new DedupeWindow(context.getStateStore(LedgerStores.JOB_IDS),
                context.getStateStore(LedgerStores.JOB_ID_EPOCHS), retainedEpochs);
    }

    @Override
    public void process(Record<String, LedgerJobEvent> record) {
        switch (record.value().getEvent()) {
            case JobWeighed job -> {
                if (record.key() == null) {
                    throw new IllegalStateException(Where.of(context()) + ": job without its dedupe key");
                }
                if (window.firstSighting(record.key(), epoch())) {
                    context().forward(record.withKey(job.getTranscoder()));
                }
            }
            case EpochMarker marker -> {
                long current = epoch();
                if (marker.getEpoch() != current + 1) {
                    throw new IllegalStateException(Where.of(context()) + ": marker of epoch " + marker.getEpoch()
                            + " in epoch " + current + ": markers reach every partition once and in order");
                }
                epochStore.put(LedgerStores.EPOCH, marker.getEpoch());
                window.purge(marker.getEpoch());
            }
            default -> throw new IllegalStateException(Where.of(context()) + ": unexpected event "
                    + record.value().getEvent());
        }
    }

    private long epoch() {
        Long epoch = epochStore.get(LedgerStores.EPOCH);
        return epoch == null ? 0 : epoch;
    }
}
