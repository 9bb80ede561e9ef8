package io.livepeerpool.protocol.performance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Admission at registration: how many sessions a transcoder can take before one segment of the pool's reference
 * segment stops arriving in time.
 *
 * <p>The estimate for {@code s} sessions at once is the wall time of one reference segment when {@code s} of them
 * share the transcoder's GPU and links:
 * <pre>
 * estimateMs(s) = 2 x latencyMs                                   request out, result back (two round trips)
 *               + s x segmentBits   / (downloadMbps x 1000)       s source segments share the download
 *               + s x realtimeRatio x segmentMs                   s sessions share the GPU
 *               + s x renditionBits / (uploadMbps x 1000)         s sets of renditions share the upload
 * </pre>
 * (1 Mbps is 1000 bits per millisecond.) Sharing is counted linearly, which is what a saturated GPU or link does;
 * NVENC's parallel engines can do better, so the estimate errs on the safe side. {@code maxSessions} is the largest
 * {@code s <= maxSessionsCap} whose estimate stays under {@code maxSegmentMs}; when even one session does not, the
 * transcoder is excluded. Divisions round up (to 1 microsecond), so rounding never admits what exact arithmetic
 * would refuse.
 *
 * <p>Every term grows with {@code s} and with worse hardware (higher ratio or latency, lower bandwidth), so better
 * hardware never gets fewer sessions (a jqwik property checks it).
 */
public record AdmissionPolicy(long segmentMs, long segmentBits, long renditionBits, long maxSegmentMs,
                              int maxSessionsCap) {

    /** Livepeer's usual segment length. */
    public static final long SEGMENT_MS_DEFAULT = 2_000;
    /** A 2 s source segment at 1080p30 and 6 Mbps. */
    public static final long SEGMENT_BITS_DEFAULT = 12_000_000;
    /** Its renditions on the standard ladder, 240p30 (600 kbps) + 360p30 (1200 kbps) + 720p30 (4000 kbps), for 2 s. */
    public static final long RENDITION_BITS_DEFAULT = 11_600_000;
    /** The first seed's limit: a segment must be back within 800 ms for the orchestrator to stay selected. */
    public static final long MAX_SEGMENT_MS_DEFAULT = 800;
    /** go-livepeer's default {@code -maxSessions}. */
    public static final int MAX_SESSIONS_CAP_DEFAULT = 10;
    /** Upper bound of the cap (and so of the policy's loop). */
    public static final int MAX_SESSIONS_CAP_MAX = 1_000;

    private static final int SCALE = 3;
    private static final BigDecimal BITS_PER_MS_PER_MBPS = BigDecimal.valueOf(1000);

    public AdmissionPolicy {
        positive(segmentMs, "segmentMs");
        positive(segmentBits, "segmentBits");
        positive(renditionBits, "renditionBits");
        positive(maxSegmentMs, "maxSegmentMs");
        if (maxSessionsCap < 1 || maxSessionsCap > MAX_SESSIONS_CAP_MAX) {
            throw new IllegalArgumentException("maxSessionsCap must be 1-" + MAX_SESSIONS_CAP_MAX + ", got " + maxSessionsCap);
        }
    }

    public static AdmissionPolicy defaults() {
        return new AdmissionPolicy(SEGMENT_MS_DEFAULT, SEGMENT_BITS_DEFAULT, RENDITION_BITS_DEFAULT,
                MAX_SEGMENT_MS_DEFAULT, MAX_SESSIONS_CAP_DEFAULT);
    }

    /** The estimated wall time of one reference segment with {@code sessions} sessions at once, in ms (3 decimals). */
    public BigDecimal estimateMs(Benchmark benchmark, int sessions) {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be >= 1, got " + sessions);
        }
        BigDecimal fixed = BigDecimal.valueOf(2 * benchmark.latencyMs());
        return fixed.add(perSessionMs(benchmark).multiply(BigDecimal.valueOf(sessions)));
    }

    public Admission admit(Benchmark benchmark) {
        BigDecimal limit = BigDecimal.valueOf(maxSegmentMs);
        BigDecimal single = estimateMs(benchmark, 1);
        if (single.compareTo(limit) >= 0) {
            return new Admission.Excluded(single, "estimated " + single.toPlainString()
                    + " ms for the reference segment with one session, not under the " + maxSegmentMs + " ms limit");
        }
        int sessions = 1;
        while (sessions < maxSessionsCap && estimateMs(benchmark, sessions + 1).compareTo(limit) < 0) {
            sessions++;
        }
        BigDecimal estimate = estimateMs(benchmark, sessions);
        String bound = sessions == maxSessionsCap ? "the pool's cap of " + maxSessionsCap + " sessions"
                : (sessions + 1) + " sessions would take " + estimateMs(benchmark, sessions + 1).toPlainString() + " ms";
        return new Admission.Admitted(sessions, estimate, "estimated " + estimate.toPlainString()
                + " ms for the reference segment at " + sessions + " session(s), under the " + maxSegmentMs
                + " ms limit; " + bound);
    }

    private BigDecimal perSessionMs(Benchmark b) {
        BigDecimal download = BigDecimal.valueOf(segmentBits)
                .divide(b.downloadMbps().multiply(BITS_PER_MS_PER_MBPS), SCALE, RoundingMode.CEILING);
        BigDecimal upload = BigDecimal.valueOf(renditionBits)
                .divide(b.uploadMbps().multiply(BITS_PER_MS_PER_MBPS), SCALE, RoundingMode.CEILING);
        BigDecimal transcode = b.realtimeRatio().multiply(BigDecimal.valueOf(segmentMs))
                .setScale(SCALE, RoundingMode.CEILING);
        return download.add(transcode).add(upload);
    }

    private static void positive(long value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
    }
}
