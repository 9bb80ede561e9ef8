package io.livepeerpool.gateway.reads;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A job as the public API shows it. Wei amounts are decimal strings; {@code weight} and {@code settledRound} are
 * null until the ledger settles the job's round. {@code status}: {@code received} (a job the gateway took), or
 * {@code refused} (a post the ledger refused, {@code reason} {@code late} or {@code future}; its time is the
 * refusal's, and it has no pixels, duration, profiles nor face value).
 */
public record JobView(
        String orchestrator,
        String jobId,
        String transcoder,
        Long pixels,
        Long durationMs,
        Integer profiles,
        long roundJob,
        String faceValue,
        String weight,
        Long settledRound,
        Instant receivedAt,
        String status,
        String reason,
        @JsonIgnore String entry) {
}
