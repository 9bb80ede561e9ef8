package io.livepeerpool.gateway.reads;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * A job as the public API shows it. Wei amounts and the weight are decimal strings; {@code weight} is the ledger's
 * weight of the job and {@code settledRound} the round it settled in (null while its epoch is open); both are null for
 * a post the ledger refused. {@code status}: {@code received} (a job the gateway took), or
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
