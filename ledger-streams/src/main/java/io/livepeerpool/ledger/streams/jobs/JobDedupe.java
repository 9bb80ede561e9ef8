package io.livepeerpool.ledger.streams.jobs;

import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.store.DedupeWindow;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The jobs' dedupe, in one place: whether a job counts, given the epoch its partition is in. Every copy of a job is on
 * the same jobs partition (the topic is keyed {@code orchestrator|jobId}), so this partition's stores see all of them,
 * in offset order, as the replay sees them in file order: the first copy counts. {@link JobCountProcessor} asks;
 * {@link EpochCloseProcessor} moves the window on at each marker.
 */
final class JobDedupe {
    private final DedupeWindow window;

    JobDedupe(ProcessingContext context, int retainedEpochs) {
        window = new DedupeWindow(context.getStateStore(LedgerStores.JOB_IDS),
                context.getStateStore(LedgerStores.JOB_ID_EPOCHS), retainedEpochs);
    }

    /** True when {@code job} counts in {@code epoch}; records it. */
    boolean counts(TranscoderJob job, long epoch) {
        return window.firstSighting(job.dedupeKey(), epoch);
    }

    /** The partition entered {@code epoch}: forget the ids whose window has ended. */
    void enter(long epoch) {
        window.purge(epoch);
    }
}
