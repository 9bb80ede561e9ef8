package io.livepeerpool.ledger.replay;

import io.livepeerpool.protocol.rounds.RoundWindow;
import io.livepeerpool.ledger.payout.AccountChange;

/**
 * What the ledger says about one event, in input order: a settled round, a refused job, an ignored transfer, or the
 * account change a payout outcome made.
 */
public sealed interface LedgerOutput permits RoundOutcome, LedgerOutput.RefusedJob, LedgerOutput.IgnoredTransfer,
        LedgerOutput.AccountChanged {

    /** A job outside the round window; printed each time it is posted. */
    record RefusedJob(String orchestrator, String jobId, String transcoder, long roundJob,
                      RoundWindow.Refusal reason, long currentRound) implements LedgerOutput {
    }

    /** A transfer to a recipient outside {@code ledger.orchestrators}: not revenue. Once per (txHash, logIndex). */
    record IgnoredTransfer(String txHash, long logIndex, String recipient) implements LedgerOutput {
    }

    /** The first outcome of an open payout resolved it ({@code PayoutResolved}); duplicates produce nothing. */
    record AccountChanged(AccountChange change) implements LedgerOutput {
    }
}
