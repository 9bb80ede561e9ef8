package io.livepeerpool.gateway.jobs;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;

/** One validated job, as an orchestrator reports it; every field within its documented range. */
public record JobDetails(
        String jobId,
        Address transcoder,
        long pixels,
        long durationMs,
        int profiles,
        long roundJob,
        BigInteger faceValueWei) {
}
