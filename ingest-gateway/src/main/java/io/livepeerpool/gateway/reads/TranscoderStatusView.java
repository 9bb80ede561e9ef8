package io.livepeerpool.gateway.reads;

import java.time.Instant;
import java.util.List;

/**
 * One transcoder's admission status ({@code /getTranscoderStatus}): {@code admitted} or {@code excluded} with
 * {@code maxSessions}, why and since when, the benchmark of its last registration, and its latency over the recent
 * jobs; {@code unknown} (0 sessions, nulls) for an address that never registered.
 */
public record TranscoderStatusView(
        String transcoder,
        String status,
        int maxSessions,
        String reason,
        Instant since,
        BenchmarkView benchmark,
        LatencyView latency) {

    public static final String UNKNOWN = "unknown";

    /** The benchmark as registered; decimals as decimal strings. */
    public record BenchmarkView(String realtimeRatio, long latencyMs, String downloadMbps, String uploadMbps,
                                String gpu, List<String> profiles, Instant registeredAt) {
    }

    /** p50 and p95 of the job totals (download + transcode + upload) over the window, and its job count. */
    public record LatencyView(long p50Ms, long p95Ms, int samples) {
        static final LatencyView NONE = new LatencyView(0, 0, 0);
    }
}
