package io.livepeerpool.ledger.streams.jobs;

import io.livepeerpool.ledger.dedupe.JobVerdict;
import io.livepeerpool.protocol.rounds.RoundWindow;
import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.store.RoundDedupe;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.schemas.avro.EpochMarker;
import io.livepeerpool.schemas.avro.JobRefusal;
import io.livepeerpool.schemas.avro.JobWeighed;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One job-dedupe partition: applies the job rule ({@link RoundWindow}, then once per {@code orchestrator|jobId},
 * see {@link RoundDedupe}). A counted job goes on to job-weights, re-keyed by transcoder; a duplicate is dropped; a
 * refused job (late or future) goes to the refusals topic, keyed by transcoder, each time it is posted. The
 * partition learns the epoch and R (the round of the last NewRound) from the markers the chain processor writes to
 * every partition, and then forgets the ids of rounds below the window.
 */
public final class JobDedupeProcessor extends ContextualProcessor<String, LedgerJobEvent, String, SpecificRecord> {
    private final int retainRounds;
    private final String weightsSink;
    private final String refusalsSink;
    private KeyValueStore<String, Long> positionStore;
    private RoundDedupe window;

    public JobDedupeProcessor(int retainRounds, String weightsSink, String refusalsSink) {
        this.retainRounds = retainRounds;
        this.weightsSink = weightsSink;
        this.refusalsSink = refusalsSink;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        positionStore = context.getStateStore(LedgerStores.JOB_DEDUPE_EPOCH);
        window = new RoundDedupe(context.getStateStore(LedgerStores.JOB_IDS),
                context.getStateStore(LedgerStores.JOB_ID_ROUNDS), retainRounds);
    }

    @Override
    public void process(Record<String, LedgerJobEvent> record) {
        switch (record.value().getEvent()) {
            case JobWeighed job -> {
                if (record.key() == null) {
                    throw new IllegalStateException(Where.of(context()) + ": job without its dedupe key");
                }
                switch (window.decide(record.key(), job.getRoundJob(), currentRound())) {
                    case JobVerdict.Counted counted -> context().forward(
                            record.withKey(job.getTranscoder()).withValue((SpecificRecord) record.value()),
                            weightsSink);
                    case JobVerdict.Duplicate duplicate -> {
                        // counted before: nothing to do
                    }
                    case JobVerdict.Refused refused -> context().forward(record.withKey(job.getTranscoder())
                            .withValue((SpecificRecord) new JobRefusal(job.getOrchestrator(), job.getJobId(),
                                    job.getTranscoder(), job.getRoundJob(), refused.reason().text(),
                                    refused.currentRound())), refusalsSink);
                }
            }
            case EpochMarker marker -> {
                Long stored = positionStore.get(LedgerStores.EPOCH);
                long current = stored == null ? 0 : stored;
                if (marker.getEpoch() != current + 1) {
                    throw new IllegalStateException(Where.of(context()) + ": marker of epoch " + marker.getEpoch()
                            + " in epoch " + current + ": markers reach every partition once and in order");
                }
                positionStore.put(LedgerStores.EPOCH, marker.getEpoch());
                positionStore.put(LedgerStores.ROUND, marker.getRound());
                window.purge(marker.getRound());
            }
            default -> throw new IllegalStateException(Where.of(context()) + ": unexpected event "
                    + record.value().getEvent());
        }
    }

    /** R: the round of the last marker, empty before the first. */
    private OptionalLong currentRound() {
        Long round = positionStore.get(LedgerStores.ROUND);
        return round == null ? OptionalLong.empty() : OptionalLong.of(round);
    }
}
