package io.livepeerpool.protocol.performance;

/**
 * When real work excludes a transcoder: its p95 over the window is above {@code maxSegmentMs} (the same limit the
 * admission policy estimates against), once at least {@code minSamples} jobs make the p95 mean something.
 */
public record LatencyLimit(long maxSegmentMs, int minSamples) {
    /** Enough jobs for a p95 to rest on more than one slow segment. */
    public static final int MIN_SAMPLES_DEFAULT = 20;
    /** About three minutes of 2 s segments at one session. */
    public static final int WINDOW_JOBS_DEFAULT = 100;

    public LatencyLimit {
        if (maxSegmentMs < 1) {
            throw new IllegalArgumentException("maxSegmentMs must be > 0, got " + maxSegmentMs);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be > 0, got " + minSamples);
        }
    }

    public boolean exceeded(LatencyFigures figures) {
        return figures.samples() >= minSamples && figures.p95Ms() > maxSegmentMs;
    }

    /** The exclusion's reason, with the figures. */
    public String reason(LatencyFigures figures) {
        return "p95 latency " + figures.p95Ms() + " ms over the last " + figures.samples() + " jobs is above the "
                + maxSegmentMs + " ms limit (p50 " + figures.p50Ms() + " ms)";
    }
}
