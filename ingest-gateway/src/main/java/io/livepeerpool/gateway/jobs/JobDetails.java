package io.livepeerpool.gateway.jobs;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;

/**
 * One validated job, as an orchestrator reports it; every field within its documented range.
 *
 * @param phases the job's phase times, or null when the orchestrator did not report them
 */
public record JobDetails(
        String jobId,
        Address transcoder,
        long pixels,
        long durationMs,
        int profiles,
        long roundJob,
        BigInteger faceValueWei,
        PhaseTimes phases) {

    /** A job without phase times. */
    public JobDetails(String jobId, Address transcoder, long pixels, long durationMs, int profiles, long roundJob,
                      BigInteger faceValueWei) {
        this(jobId, transcoder, pixels, durationMs, profiles, roundJob, faceValueWei, null);
    }
}
