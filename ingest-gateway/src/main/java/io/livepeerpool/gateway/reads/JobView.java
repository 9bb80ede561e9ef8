package io.livepeerpool.gateway.reads;

import java.time.Instant;

/**
 * A job as the public API shows it. Wei amounts are decimal strings; {@code weight} and {@code settledRound} are
 * null until the ledger settles the job's round.
 */
public record JobView(
        String orchestrator,
        String jobId,
        String transcoder,
        long pixels,
        long durationMs,
        int profiles,
        long roundJob,
        String faceValue,
        String weight,
        Long settledRound,
        Instant receivedAt) {
}
