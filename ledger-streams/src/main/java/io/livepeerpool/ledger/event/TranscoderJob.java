package io.livepeerpool.ledger.event;

import io.livepeerpool.protocol.address.Address;
import java.util.Objects;

/**
 * One job a transcoder did for an orchestrator of the pool.
 *
 * @param roundJob the round the orchestrator says the job was done in; kept for the record. The job counts in the
 *                 epoch in which the ledger receives it (between two NewRound markers), because that is what the
 *                 settlement barrier can order deterministically.
 */
public record TranscoderJob(String orchestrator, String jobId, String transcoder, long pixels, long durationMs,
                            long profiles, long roundJob) implements LedgerEvent {

    public TranscoderJob {
        Address.requireLowercase(orchestrator, "orchestrator");
        Address.requireLowercase(transcoder, "transcoder");
        Objects.requireNonNull(jobId, "jobId");
        if (jobId.isBlank()) {
            throw new IllegalArgumentException("jobId must not be blank");
        }
        if (pixels < 0 || durationMs <= 0 || profiles < 0 || roundJob < 0) {
            throw new IllegalArgumentException("pixels, profiles and roundJob must be >= 0 and durationMs > 0: "
                    + pixels + ", " + profiles + ", " + roundJob + ", " + durationMs);
        }
    }

    /** A job counts once per (orchestrator, jobId); the orchestrator has a fixed length, so the key is unambiguous. */
    public String dedupeKey() {
        return orchestrator + "|" + jobId;
    }
}
