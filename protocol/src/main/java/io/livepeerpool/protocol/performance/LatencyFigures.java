package io.livepeerpool.protocol.performance;

/**
 * A transcoder's latency over its recent jobs: p50 and p95 of each job's total (download + transcode + upload), by
 * nearest rank, and how many jobs they come from. Zero samples: both percentiles 0.
 */
public record LatencyFigures(long p50Ms, long p95Ms, int samples) {
    public LatencyFigures {
        if (samples < 0 || p50Ms < 0 || p95Ms < p50Ms) {
            throw new IllegalArgumentException("inconsistent figures: p50 " + p50Ms + ", p95 " + p95Ms + ", samples " + samples);
        }
    }

    public static final LatencyFigures NONE = new LatencyFigures(0, 0, 0);
}
