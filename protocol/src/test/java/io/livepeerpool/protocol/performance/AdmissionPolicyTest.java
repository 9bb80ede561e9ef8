package io.livepeerpool.protocol.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AdmissionPolicyTest {
    private static final AdmissionPolicy POLICY = AdmissionPolicy.defaults();

    static Benchmark bench(String ratio, long latencyMs, String down, String up) {
        return new Benchmark(new BigDecimal(ratio), latencyMs, new BigDecimal(down), new BigDecimal(up), null, List.of());
    }

    @Test
    void fastGpuOnAFastLinkIsCappedAtTheDefaultSessions() {
        // per session: 12 ms down + 20 ms transcode (0.01 x 2000) + 11.6 ms up = 43.6 ms; 10 sessions: 20 + 436 = 456 ms
        Admission a = POLICY.admit(bench("0.01", 10, "1000", "1000"));
        assertThat(a).isInstanceOf(Admission.Admitted.class);
        assertThat(a.maxSessions()).isEqualTo(10);
        assertThat(((Admission.Admitted) a).estimateMs()).isEqualByComparingTo("456");
        assertThat(a.reason()).contains("cap of 10");
    }

    @Test
    void sessionsAreTheLargestCountStrictlyUnderTheLimit() {
        // per session: 12 + 100 (0.05 x 2000) + 11.6 = 123.6 ms; fixed 2 x 20 = 40 ms
        // 6 sessions: 40 + 741.6 = 781.6 < 800; 7 sessions: 905.2
        Admission a = POLICY.admit(bench("0.05", 20, "1000", "1000"));
        assertThat(a.maxSessions()).isEqualTo(6);
        assertThat(a.status()).isEqualTo("admitted");
        assertThat(((Admission.Admitted) a).estimateMs()).isEqualByComparingTo("781.6");
        assertThat(a.reason()).contains("7 sessions would take 905.200 ms");
    }

    @Test
    void borderlineSingleSessionAtExactlyTheLimitIsExcluded() {
        // per session: 12 + 776.4 + 11.6 = 800 ms, latency 0: exactly the limit, not under it
        Admission exact = POLICY.admit(bench("0.3882", 0, "1000", "1000"));
        assertThat(exact).isInstanceOf(Admission.Excluded.class);
        assertThat(exact.maxSessions()).isZero();
        assertThat(exact.status()).isEqualTo("excluded");
        // one tenth of a millisecond faster is admitted with one session
        Admission under = POLICY.admit(bench("0.38815", 0, "1000", "1000"));
        assertThat(under.maxSessions()).isEqualTo(1);
    }

    @Test
    void slowGpuIsExcludedWithItsEstimate() {
        Admission a = POLICY.admit(bench("0.5", 30, "100", "50"));
        // 60 + 120 + 1000 + 232 = 1412 ms
        assertThat(a).isInstanceOf(Admission.Excluded.class);
        assertThat(((Admission.Excluded) a).estimateMs()).isEqualByComparingTo("1412");
        assertThat(a.reason()).contains("1412.000 ms").contains("800 ms limit");
    }

    @Test
    void slowLinkAloneExcludes() {
        // 12,000,000 bits at 10 Mbps = 1200 ms just to download the segment
        assertThat(POLICY.admit(bench("0.01", 0, "10", "1000"))).isInstanceOf(Admission.Excluded.class);
    }

    @Test
    void benchmarkRejectsImpossibleValues() {
        assertThatThrownBy(() -> bench("0", 0, "1", "1")).hasMessageContaining("realtimeRatio");
        assertThatThrownBy(() -> bench("1", -1, "1", "1")).hasMessageContaining("latencyMs");
        assertThatThrownBy(() -> bench("1", 0, "-1", "1")).hasMessageContaining("downloadMbps");
        assertThatThrownBy(() -> new AdmissionPolicy(2000, 1, 1, 800, 0)).hasMessageContaining("maxSessionsCap");
    }

    // ---- properties ----

    @Property
    void betterHardwareNeverGetsFewerSessions(@ForAll("benchmarks") Benchmark worse, @ForAll("improvements") Benchmark delta,
                                              @ForAll("policies") AdmissionPolicy policy) {
        Benchmark better = new Benchmark(
                worse.realtimeRatio().subtract(delta.realtimeRatio()).max(new BigDecimal("0.0001")),
                Math.max(0, worse.latencyMs() - delta.latencyMs()),
                worse.downloadMbps().add(delta.downloadMbps()),
                worse.uploadMbps().add(delta.uploadMbps()), null, List.of());
        assertThat(policy.admit(better).maxSessions()).isGreaterThanOrEqualTo(policy.admit(worse).maxSessions());
    }

    @Property
    void admittedSessionsFitAndOneMoreDoesNot(@ForAll("benchmarks") Benchmark b, @ForAll("policies") AdmissionPolicy policy) {
        Admission a = policy.admit(b);
        BigDecimal limit = BigDecimal.valueOf(policy.maxSegmentMs());
        if (a.maxSessions() == 0) {
            assertThat(policy.estimateMs(b, 1)).isGreaterThanOrEqualTo(limit);
            return;
        }
        assertThat(policy.estimateMs(b, a.maxSessions())).isLessThan(limit);
        if (a.maxSessions() < policy.maxSessionsCap()) {
            assertThat(policy.estimateMs(b, a.maxSessions() + 1)).isGreaterThanOrEqualTo(limit);
        }
    }

    @Provide
    Arbitrary<Benchmark> benchmarks() {
        return Combinators.combine(
                Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("2")).ofScale(4),
                Arbitraries.longs().between(0, 500),
                Arbitraries.bigDecimals().between(new BigDecimal("1"), new BigDecimal("10000")).ofScale(2),
                Arbitraries.bigDecimals().between(new BigDecimal("1"), new BigDecimal("10000")).ofScale(2))
                .as((ratio, latency, down, up) -> new Benchmark(ratio, latency, down, up, null, List.of()));
    }

    /** Non-negative changes, each of which makes the hardware better or leaves it as it is. */
    @Provide
    Arbitrary<Benchmark> improvements() {
        return Combinators.combine(
                Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), new BigDecimal("1")).ofScale(4),
                Arbitraries.longs().between(0, 500),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("5000")).ofScale(2),
                Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("5000")).ofScale(2))
                .as((ratio, latency, down, up) -> new Benchmark(ratio, latency, down, up, null, List.of()));
    }

    @Provide
    Arbitrary<AdmissionPolicy> policies() {
        return Combinators.combine(
                Arbitraries.longs().between(500, 10_000),
                Arbitraries.longs().between(1, 100_000_000),
                Arbitraries.longs().between(1, 100_000_000),
                Arbitraries.longs().between(100, 5_000),
                Arbitraries.integers().between(1, 64))
                .as(AdmissionPolicy::new);
    }
}
