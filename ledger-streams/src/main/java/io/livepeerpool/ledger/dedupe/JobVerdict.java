package io.livepeerpool.ledger.dedupe;

import io.livepeerpool.protocol.rounds.RoundWindow;

/** What the ledger does with one posted job. */
public sealed interface JobVerdict {

    /** First sighting inside the window: its weight counts. */
    record Counted() implements JobVerdict {
    }

    /** The (orchestrator, jobId) already counted: dropped silently. */
    record Duplicate() implements JobVerdict {
    }

    /** Outside the round window: never counts, and is published as refused each time it is posted. */
    record Refused(RoundWindow.Refusal reason, long currentRound) implements JobVerdict {
    }

    JobVerdict COUNTED = new Counted();
    JobVerdict DUPLICATE = new Duplicate();
}
