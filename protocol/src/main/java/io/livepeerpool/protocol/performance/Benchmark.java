package io.livepeerpool.protocol.performance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What a transcoder reports when it registers: livepeer_bench's real-time ratio over the pool's standard ladder, the
 * round trip to the orchestrator and its bandwidth. Decimals are {@link BigDecimal} from the client's text, never
 * doubles, so a value decides the same way wherever it is read again.
 *
 * @param realtimeRatio transcode time / segment duration for one session (0.25: four times faster than real time), > 0
 * @param latencyMs     round trip between orchestrator and transcoder, >= 0
 * @param downloadMbps  bandwidth towards the transcoder (segments in), megabits (10^6 bits) per second, > 0
 * @param uploadMbps    bandwidth from the transcoder (renditions out), > 0
 * @param gpu           free text, at most {@link #GPU_LENGTH_MAX} characters; null when not given
 * @param profiles      rendition names it benchmarked (informative); empty when not given
 */
public record Benchmark(BigDecimal realtimeRatio, long latencyMs, BigDecimal downloadMbps, BigDecimal uploadMbps,
                        String gpu, List<String> profiles) {
    public static final int GPU_LENGTH_MAX = 128;

    public Benchmark {
        positive(realtimeRatio, "realtimeRatio");
        positive(downloadMbps, "downloadMbps");
        positive(uploadMbps, "uploadMbps");
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0, got " + latencyMs);
        }
        if (gpu != null && gpu.length() > GPU_LENGTH_MAX) {
            throw new IllegalArgumentException("gpu must be at most " + GPU_LENGTH_MAX + " characters");
        }
        profiles = List.copyOf(Objects.requireNonNull(profiles, "profiles"));
    }

    private static void positive(BigDecimal value, String field) {
        if (value == null || value.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
    }
}
