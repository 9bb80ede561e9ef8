package io.livepeerpool.launcher.dev.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulationPlanTest {

    @Test
    void theDriftingTranscoderCrossesTheSegmentLimitOnlyAfterItTurnsSlow() {
        SimulationPlan plan = SimulationPlan.standard(Duration.ofSeconds(60), 7);
        String drifting = plan.transcoders().stream().filter(t -> t.slowAfter() != null).findFirst().orElseThrow().address();
        int before = 0;
        int after = 0;
        for (int i = 0; i < 5_000; i++) {
            SimulationPlan.Job early = plan.nextJob(i, Duration.ofSeconds(30));
            SimulationPlan.Job late = plan.nextJob(i, Duration.ofSeconds(90));
            if (early.transcoder().equals(drifting)) {
                before = Math.max(before, early.totalMs());
            }
            if (late.transcoder().equals(drifting)) {
                after = Math.max(after, late.totalMs());
                assertThat(late.totalMs()).as("slow: every job above the 800 ms segment limit").isGreaterThan(800);
            }
        }
        assertThat(before).as("healthy: under the 800 ms segment limit").isLessThan(800);
        assertThat(after).isGreaterThan(800);
    }

    @Test
    void theGoodTranscodersStayUnderTheLimitAndEveryMemberWorks() {
        SimulationPlan plan = SimulationPlan.standard(Duration.ofSeconds(60), 11);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            SimulationPlan.Job job = plan.nextJob(i, Duration.ofMinutes(10));
            seen.add(job.transcoder());
            boolean drifting = plan.transcoders().stream().anyMatch(t -> t.address().equals(job.transcoder()) && t.slowAfter() != null);
            if (!drifting) {
                assertThat(job.totalMs()).isLessThan(800);
            }
            assertThat(job.pixels()).isEqualTo(SimulationPlan.PIXELS_PER_JOB);
        }
        assertThat(seen).hasSize(plan.transcoders().size());
    }

    @Test
    void winProbIsTheContractsThreshold() {
        assertThat(SimulationPlan.winProb(1)).isEqualTo(Uint256.MAX);
        assertThat(SimulationPlan.winProb(6)).isEqualTo(Uint256.MAX.divide(BigInteger.valueOf(6)));
    }
}
