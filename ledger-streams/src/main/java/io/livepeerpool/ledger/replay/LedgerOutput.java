package io.livepeerpool.ledger.replay;

import io.livepeerpool.ledger.dedupe.RoundWindow;

/** What the ledger says about one event, in input order: a settled round, a refused job, or an ignored transfer. */
public sealed interface LedgerOutput permits RoundOutcome, LedgerOutput.RefusedJob, LedgerOutput.IgnoredTransfer {

    /** A job outside the round window; printed each time it is posted. */
    record RefusedJob(String orchestrator, String jobId, String transcoder, long roundJob,
                      RoundWindow.Refusal reason, long currentRound) implements LedgerOutput {
    }

    /** A transfer to a recipient outside {@code ledger.orchestrators}: not revenue. Once per (txHash, logIndex). */
    record IgnoredTransfer(String txHash, long logIndex, String recipient) implements LedgerOutput {
    }
}
