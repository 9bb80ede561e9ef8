package io.livepeerpool.protocol.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    @Test
    void percentilesByNearestRank() {
        LatencyWindow w = LatencyWindow.empty(100);
        for (long v = 1; v <= 20; v++) {
            w = w.add(v * 10);
        }
        // 20 samples: p50 is the 10th (100), p95 the 19th (190)
        assertThat(w.figures()).isEqualTo(new LatencyFigures(100, 190, 20));
        assertThat(LatencyWindow.empty(5).figures()).isEqualTo(LatencyFigures.NONE);
        assertThat(LatencyWindow.empty(5).add(700).figures()).isEqualTo(new LatencyFigures(700, 700, 1));
    }

    @Test
    void keepsOnlyTheLastWindowJobs() {
        LatencyWindow w = LatencyWindow.empty(3).add(1).add(2).add(3).add(4);
        assertThat(w.totalsMs()).containsExactly(2L, 3L, 4L);
        assertThat(LatencyWindow.restore(2, List.of(5L, 6L, 7L)).totalsMs()).containsExactly(6L, 7L);
    }

    @Test
    void limitNeedsEnoughSamplesAndAP95Above() {
        LatencyLimit limit = new LatencyLimit(800, 3);
        assertThat(limit.exceeded(new LatencyFigures(900, 900, 2))).isFalse();
        assertThat(limit.exceeded(new LatencyFigures(900, 900, 3))).isTrue();
        assertThat(limit.exceeded(new LatencyFigures(500, 800, 30))).isFalse();
        assertThat(limit.reason(new LatencyFigures(500, 801, 30))).contains("p95 latency 801 ms").contains("30 jobs");
    }

    @Test
    void totalAddsThePhases() {
        assertThat(LatencyWindow.total(100, 250, 50)).isEqualTo(400);
    }

    @Property
    void windowNeverExceedsItsSizeAndPercentilesAreOrdered(@ForAll @IntRange(min = 1, max = 50) int size,
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 100_000) Long> totals) {
        LatencyWindow w = LatencyWindow.empty(size);
        for (long t : totals) {
            w = w.add(t);
        }
        assertThat(w.totalsMs()).hasSize(Math.min(size, totals.size()));
        LatencyFigures f = w.figures();
        if (!totals.isEmpty()) {
            long max = w.totalsMs().stream().mapToLong(Long::longValue).max().orElseThrow();
            long min = w.totalsMs().stream().mapToLong(Long::longValue).min().orElseThrow();
            assertThat(f.p50Ms()).isBetween(min, f.p95Ms());
            assertThat(f.p95Ms()).isLessThanOrEqualTo(max);
        }
    }
}
