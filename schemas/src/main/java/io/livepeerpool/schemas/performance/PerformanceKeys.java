package io.livepeerpool.schemas.performance;

import io.livepeerpool.platform.config.Config;
import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.protocol.performance.AdmissionPolicy;
import io.livepeerpool.protocol.performance.LatencyLimit;
import io.livepeerpool.protocol.performance.LatencyWindow;
import java.util.List;

/**
 * The {@code performance.*} keys, declared once for the two services that apply them: the gateway (the admission
 * policy, at registration) and the performance topology (the latency limit over real jobs). Both read
 * {@code performance.maxSegmentMs}, so a segment is judged against one limit. The reasoning behind the defaults is
 * in {@link AdmissionPolicy} and the ledger-streams README.
 */
public final class PerformanceKeys {
    public static final ConfigKey<Long> SEGMENT_MS = ConfigKey.longValue("performance.segmentMs",
            AdmissionPolicy.SEGMENT_MS_DEFAULT, 1, 60_000,
            "duration of the pool's reference segment, ms (Livepeer's usual 2 s segments)");
    public static final ConfigKey<Long> SEGMENT_BITS = ConfigKey.longValue("performance.segmentBits",
            AdmissionPolicy.SEGMENT_BITS_DEFAULT, 1, 1L << 40,
            "size of the reference source segment, bits (default: 2 s of 1080p30 at 6 Mbps)");
    public static final ConfigKey<Long> RENDITION_BITS = ConfigKey.longValue("performance.renditionBits",
            AdmissionPolicy.RENDITION_BITS_DEFAULT, 1, 1L << 40,
            "size of the reference segment's renditions together, bits (default: 2 s of 240p30 600 kbps + 360p30"
                    + " 1200 kbps + 720p30 4000 kbps)");
    public static final ConfigKey<Long> MAX_SEGMENT_MS = ConfigKey.longValue("performance.maxSegmentMs",
            AdmissionPolicy.MAX_SEGMENT_MS_DEFAULT, 1, 600_000,
            "longest acceptable wall time for one segment (download + transcode + upload), ms: the admission estimate"
                    + " must stay under it, and a p95 above it over real jobs excludes the transcoder");
    public static final ConfigKey<Integer> MAX_SESSIONS_CAP = ConfigKey.integer("performance.maxSessionsCap",
            AdmissionPolicy.MAX_SESSIONS_CAP_DEFAULT, 1, AdmissionPolicy.MAX_SESSIONS_CAP_MAX,
            "most sessions the policy gives one transcoder, however fast (go-livepeer's default -maxSessions)");
    public static final ConfigKey<Integer> WINDOW_JOBS = ConfigKey.integer("performance.windowJobs",
            LatencyLimit.WINDOW_JOBS_DEFAULT, 1, LatencyWindow.WINDOW_JOBS_MAX,
            "jobs per transcoder the latency p50/p95 are computed over (the most recent ones)");
    public static final ConfigKey<Integer> MIN_SAMPLES = ConfigKey.integer("performance.minSamples",
            LatencyLimit.MIN_SAMPLES_DEFAULT, 1, LatencyWindow.WINDOW_JOBS_MAX,
            "jobs a transcoder needs in its window before its p95 can exclude it");

    /** What the gateway reads. */
    public static final List<ConfigKey<?>> POLICY_KEYS = List.of(SEGMENT_MS, SEGMENT_BITS, RENDITION_BITS,
            MAX_SEGMENT_MS, MAX_SESSIONS_CAP);
    /** What the performance topology reads. */
    public static final List<ConfigKey<?>> LATENCY_KEYS = List.of(MAX_SEGMENT_MS, WINDOW_JOBS, MIN_SAMPLES);

    private PerformanceKeys() {
    }

    public static AdmissionPolicy policy(Config config) {
        return new AdmissionPolicy(config.get(SEGMENT_MS), config.get(SEGMENT_BITS), config.get(RENDITION_BITS),
                config.get(MAX_SEGMENT_MS), config.get(MAX_SESSIONS_CAP));
    }

    public static LatencyLimit limit(Config config) {
        return new LatencyLimit(config.get(MAX_SEGMENT_MS), config.get(MIN_SAMPLES));
    }
}
