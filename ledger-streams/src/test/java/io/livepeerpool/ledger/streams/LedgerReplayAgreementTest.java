package io.livepeerpool.ledger.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.ledger.streams.Outputs.AllocationLine;
import io.livepeerpool.ledger.streams.ReplayOracle.Expected;
import io.livepeerpool.ledger.streams.Scenarios.Scenario;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The topology (TopologyTestDriver, events piped in scenario order) produces exactly the replay's settlements,
 * payout requests and refused jobs, and the allocations they imply, over random histories: re-posted jobs (also
 * naming another transcoder), retries of old job ids, late and future jobs, re-delivered transfers and NewRounds,
 * transfers to a foreign orchestrator, fee share updates, batch redemptions, carried revenue and weights, random
 * policies.
 */
class LedgerReplayAgreementTest {

    @Property(tries = 100)
    void topologyAgreesWithTheReplay(@ForAll long seed) {
        Scenario scenario = Scenarios.random(seed, 8, 30, 6, false);
        Expected expected = ReplayOracle.replay(scenario.policy(), scenario.events());

        try (LedgerDriver ledger = new LedgerDriver(scenario.policy())) {
            ledger.pipeAll(scenario.events());

            assertThat(ledger.settlements()).isEqualTo(expected.settlements());
            assertThat(ledger.payouts()).isEqualTo(expected.payouts());
            List<AllocationLine> allocations = new ArrayList<>(ledger.allocations());
            allocations.sort(AllocationLine.ORDER);
            assertThat(allocations).isEqualTo(expected.allocations());
            assertThat(ledger.refusals()).isEqualTo(expected.refusals());
        }
        Statistics.label("payouts").collect(!expected.payouts().isEmpty());
        Statistics.label("refused jobs").collect(!expected.refusals().isEmpty());
        Statistics.label("late").collect(expected.refusals().stream().anyMatch(r -> r.reason().equals("late")));
        Statistics.label("future").collect(expected.refusals().stream().anyMatch(r -> r.reason().equals("future")));
        Statistics.label("ignored transfers").collect(!expected.ignoredTransfers().isEmpty());
        Statistics.label("carried revenue").collect(expected.settlements().stream()
                .anyMatch(s -> s.carriedRevenue().signum() > 0));
    }
}
