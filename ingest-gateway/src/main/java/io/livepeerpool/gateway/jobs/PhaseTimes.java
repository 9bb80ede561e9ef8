package io.livepeerpool.gateway.jobs;

/**
 * How long the transcoder took for each phase of a job, as the orchestrator measured it: download of the segment,
 * transcode, upload of the renditions; ms, each >= 0. The performance topology watches their total.
 */
public record PhaseTimes(long downloadMs, long transcodeMs, long uploadMs) {
    public PhaseTimes {
        if (downloadMs < 0 || transcodeMs < 0 || uploadMs < 0) {
            throw new IllegalArgumentException("phase times are >= 0");
        }
    }
}
