package io.livepeerpool.ledger.streams.jobs;

import io.livepeerpool.ledger.dedupe.JobVerdict;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.store.RoundDedupe;
import java.util.OptionalLong;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The jobs' rule, in one place: the round window, then once per {@code orchestrator|jobId} ({@link RoundDedupe}).
 * Every copy of a job is on the same jobs partition (the topic is keyed {@code orchestrator|jobId}), so this
 * partition's stores see all of them, in offset order, as the replay sees them in file order: the first copy inside
 * the window counts. {@link JobCountProcessor} asks; {@link EpochCloseProcessor} moves R on at each marker.
 */
final class JobDedupe {
    private final RoundDedupe window;

    JobDedupe(ProcessingContext context, int retainRounds) {
        window = new RoundDedupe(context.getStateStore(LedgerStores.JOB_IDS), retainRounds);
    }

    /** Decides {@code job} with R = {@code currentRound} (empty before the first marker); records it when it counts. */
    JobVerdict decide(TranscoderJob job, OptionalLong currentRound) {
        return window.decide(job.dedupeKey(), job.roundJob(), currentRound);
    }

    /** The partition's R is now {@code round}: forget the ids of rounds below the window. */
    void enter(long round) {
        window.purge(round);
    }
}
