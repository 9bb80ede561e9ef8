package io.livepeerpool.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.ledger.dedupe.JobVerdict;
import io.livepeerpool.ledger.dedupe.SeenIds;
import io.livepeerpool.ledger.dedupe.SeenJobs;
import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.ledger.settlement.Allocation;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.NetRevenue;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.ledger.settlement.PoolOrchestrators;
import io.livepeerpool.ledger.settlement.Settlement;
import io.livepeerpool.ledger.settlement.SettlementResult;
import io.livepeerpool.ledger.weight.JobWeight;
import io.livepeerpool.ledger.weight.WeightSubtotals;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Money invariants and determinism over random scenarios (random policy, events, duplicates, partitions). */
class LedgerPropertiesTest {
    private static final int TRIES = 200;
    private static final List<String> TRANSCODERS = List.of(
            "0x0000000000000000000000000000000000000001", "0x0000000000000000000000000000000000000002",
            "0x00000000000000000000000000000000000000ff", "0x7fffffffffffffffffffffffffffffffffffffff",
            "0xa000000000000000000000000000000000000001", "0xffffffffffffffffffffffffffffffffffffffff");
    private static final List<String> ORCHESTRATORS = List.of(
            "0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222");
    private static final String SENDER = "0x5000000000000000000000000000000000000005";

    record Scenario(LedgerPolicy policy, List<LedgerEvent> events) {
    }

    // ---- properties ----

    @Property(tries = TRIES)
    void eachSettlementConservesRevenueToTheWei(@ForAll("scenarios") Scenario scenario) {
        for (RoundOutcome outcome : run(scenario.policy(), scenario.events())) {
            SettlementResult s = outcome.settlement();
            BigInteger allocated = sum(s.allocations().stream().map(Allocation::amount).toList());
            assertThat(s.poolFee().add(allocated).add(s.carriedRevenue())).isEqualTo(s.revenue());
            if (!s.allocations().isEmpty()) {
                assertThat(allocated).isEqualTo(s.revenue().subtract(s.poolFee()));
            }
        }
    }

    @Property(tries = TRIES)
    void nothingIsEverDropped(@ForAll("scenarios") Scenario scenario) {
        LedgerState state = new LedgerState(scenario.policy());
        BigInteger revenueIn = BigInteger.ZERO;
        BigInteger weightIn = BigInteger.ZERO;
        BigInteger fees = BigInteger.ZERO;
        BigInteger allocated = BigInteger.ZERO;
        BigInteger weightAllocated = BigInteger.ZERO;
        for (LedgerEvent event : scenario.events()) {
            if (event instanceof TranscoderJob job && state.recordJob(job)) {
                weightIn = weightIn.add(scenario.policy().weights().of(job));
            } else if (event instanceof TicketTransfer transfer && state.recordTransfer(transfer)) {
                revenueIn = revenueIn.add(NetRevenue.of(transfer, scenario.policy()));
            } else if (event instanceof NewRound round) {
                for (RoundOutcome outcome : state.settle(round.round()).stream().toList()) {
                    fees = fees.add(outcome.settlement().poolFee());
                    allocated = allocated.add(outcome.settlement().distributed());
                    weightAllocated = weightAllocated.add(sum(outcome.settlement().allocations().stream()
                            .map(Allocation::weight).toList()));
                }
            }
        }
        assertThat(fees.add(allocated).add(state.pendingRevenue())).isEqualTo(revenueIn);
        assertThat(weightAllocated.add(state.pendingWeights().total())).isEqualTo(weightIn);
    }

    @Property(tries = TRIES)
    void allocationsSumToTheDistributableAndEachIsWithinOneWeiOfItsExactShare(
            @ForAll("revenues") BigInteger revenue, @ForAll("weights") WeightSubtotals weights,
            @ForAll @IntRange(max = 1_000_000) int poolFeePpm) {
        LedgerPolicy policy = withPoolFee(poolFeePpm);

        SettlementResult s = Settlement.settle(1, revenue, weights, policy);

        if (revenue.signum() > 0 && !weights.isEmpty()) {
            BigInteger distributable = revenue.subtract(s.poolFee());
            assertThat(s.poolFee()).isEqualTo(revenue.multiply(BigInteger.valueOf(poolFeePpm))
                    .divide(BigInteger.valueOf(1_000_000)));
            assertThat(sum(s.allocations().stream().map(Allocation::amount).toList())).isEqualTo(distributable);
            BigInteger total = weights.total();
            for (Allocation a : s.allocations()) {
                BigInteger floor = distributable.multiply(a.weight()).divide(total);
                assertThat(a.amount()).isBetween(floor, floor.add(BigInteger.ONE));
            }
            assertThat(s.allocations()).extracting(Allocation::transcoder)
                    .containsExactlyElementsOf(weights.byTranscoder().keySet());
        }
    }

    @Property(tries = TRIES)
    void settlementDoesNotDependOnPartitioning(@ForAll("scenarios") Scenario scenario) {
        List<SettlementResult> single = run(scenario.policy(), scenario.events()).stream()
                .map(RoundOutcome::settlement).toList();

        for (int partitions : new int[] {1, 3, 7}) {
            assertThat(runPartitioned(scenario.policy(), scenario.events(), partitions))
                    .as("%d partitions", partitions).isEqualTo(single);
        }
    }

    @Property(tries = TRIES)
    void feedingDuplicatesChangesNothing(@ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        List<RoundOutcome> expected = run(scenario.policy(), scenario.events());

        List<LedgerEvent> withDuplicates = withDuplicates(scenario.events(), new Random(seed));

        assertThat(run(scenario.policy(), withDuplicates)).isEqualTo(expected);
    }

    @Property(tries = TRIES)
    void balancesAreAllocationsMinusPayouts(@ForAll("scenarios") Scenario scenario) {
        LedgerState state = new LedgerState(scenario.policy());
        Map<String, BigInteger> allocated = new HashMap<>();
        Map<String, BigInteger> paid = new HashMap<>();
        BigInteger threshold = scenario.policy().payoutThresholdWei();
        for (LedgerEvent event : scenario.events()) {
            for (RoundOutcome outcome : state.apply(event).stream().toList()) {
                outcome.settlement().allocations()
                        .forEach(a -> allocated.merge(a.transcoder(), a.amount(), BigInteger::add));
                for (PayoutRequest payout : outcome.payouts()) {
                    assertThat(payout.amount()).isPositive().isGreaterThanOrEqualTo(threshold);
                    paid.merge(payout.transcoder(), payout.amount(), BigInteger::add);
                }
                assertThat(state.balances().byTranscoder().values()).allSatisfy(b -> assertThat(b).isLessThan(
                        threshold.max(BigInteger.ONE)));
            }
        }
        for (String transcoder : TRANSCODERS) {
            assertThat(state.balances().balanceOf(transcoder)).isEqualTo(allocated.getOrDefault(transcoder,
                    BigInteger.ZERO).subtract(paid.getOrDefault(transcoder, BigInteger.ZERO)));
        }
    }

    // ---- models of the ledger ----

    private static List<RoundOutcome> run(LedgerPolicy policy, List<LedgerEvent> events) {
        LedgerState state = new LedgerState(policy);
        List<RoundOutcome> outcomes = new ArrayList<>();
        events.forEach(event -> state.apply(event).ifPresent(outcomes::add));
        return outcomes;
    }

    /**
     * The settlement barrier as the topology will run it: jobs deduped by id, then routed by transcoder to one of
     * {@code partitions} accumulators; at each NewRound every partition hands in its subtotals (here in reverse
     * partition order) and the merge is settled with what was carried.
     */
    private static List<SettlementResult> runPartitioned(LedgerPolicy policy, List<LedgerEvent> events,
                                                         int partitions) {
        SeenJobs seenJobs = new SeenJobs(policy.dedupeRetainRounds());
        SeenIds seenTransfers = new SeenIds(policy.dedupeRetainRounds());
        List<WeightSubtotals> epoch = new ArrayList<>(Collections.nCopies(partitions, WeightSubtotals.empty()));
        WeightSubtotals carriedWeights = WeightSubtotals.empty();
        BigInteger revenue = BigInteger.ZERO;
        long lastRound = -1;
        List<SettlementResult> results = new ArrayList<>();
        for (LedgerEvent event : events) {
            switch (event) {
                case TranscoderJob job -> {
                    if (seenJobs.decide(job.dedupeKey(), job.roundJob()) instanceof JobVerdict.Counted) {
                        int p = Math.floorMod(job.transcoder().hashCode(), partitions);
                        epoch.set(p, epoch.get(p).plus(job.transcoder(), policy.weights().of(job)));
                    }
                }
                case TicketTransfer transfer -> {
                    if (seenTransfers.firstSighting(transfer.dedupeKey())) {
                        revenue = revenue.add(NetRevenue.of(transfer, policy));
                    }
                }
                case TranscoderUpdate update -> throw new IllegalStateException("not generated here");
                case NewRound newRound -> {
                    if (newRound.round() <= lastRound) {
                        continue;
                    }
                    List<WeightSubtotals> parts = new ArrayList<>(epoch.reversed());
                    parts.add(carriedWeights);
                    SettlementResult result = Settlement.settle(newRound.round(), revenue,
                            WeightSubtotals.merge(parts), policy);
                    results.add(result);
                    revenue = result.carriedRevenue();
                    carriedWeights = result.carriedWeights();
                    Collections.fill(epoch, WeightSubtotals.empty());
                    seenJobs.newRound(newRound.round());
                    seenTransfers.nextEpoch();
                    lastRound = newRound.round();
                }
                default -> {
                    // payout outcomes and settings: not this model's business
                }
            }
        }
        return results;
    }

    /**
     * Re-delivers events within the dedupe window: some right away, some at the end of their epoch or of the next
     * one, and some NewRound markers twice. The window runs from an id's first sighting, and the policy remembers at
     * least one previous epoch, so only events whose id was first seen in this epoch or the previous one are
     * re-delivered.
     */
    private static List<LedgerEvent> withDuplicates(List<LedgerEvent> events, Random random) {
        List<LedgerEvent> out = new ArrayList<>();
        Map<String, Integer> firstEpoch = new HashMap<>();
        List<LedgerEvent> recent = new ArrayList<>();
        int epoch = 0;
        for (LedgerEvent event : events) {
            if (event instanceof NewRound) {
                int current = epoch;
                recent.removeIf(e -> firstEpoch.get(key(e)) < current - 1);
                recent.stream().filter(e -> random.nextInt(3) == 0).forEach(out::add);
                out.add(event);
                if (random.nextBoolean()) {
                    out.add(event);
                }
                epoch++;
                continue;
            }
            firstEpoch.putIfAbsent(key(event), epoch);
            out.add(event);
            recent.add(event);
            if (random.nextInt(4) == 0) {
                out.add(event);
            }
        }
        return out;
    }

    private static String key(LedgerEvent event) {
        return switch (event) {
            case TranscoderJob job -> "job|" + job.dedupeKey();
            case TicketTransfer transfer -> "transfer|" + transfer.dedupeKey();
            case TranscoderUpdate update -> "update|" + update;
            case NewRound round -> "round|" + round.round();
            default -> throw new IllegalArgumentException("not generated here: " + event);
        };
    }

    // ---- generators ----

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<LedgerEvent> job = Combinators.combine(Arbitraries.of(ORCHESTRATORS),
                        Arbitraries.integers().between(0, 40), Arbitraries.of(TRANSCODERS),
                        Arbitraries.longs().between(0, 200_000_000L), Arbitraries.longs().between(1, 20_000),
                        Arbitraries.longs().between(0, 6), Arbitraries.longs().between(0, 5))
                .as((orchestrator, id, transcoder, pixels, durationMs, profiles, lateness) -> new TranscoderJob(
                        orchestrator, "job-" + id, transcoder, pixels, durationMs, profiles, lateness));
        Arbitrary<LedgerEvent> transfer = Combinators.combine(Arbitraries.integers().between(0, 30),
                        Arbitraries.integers().between(0, 2), revenues(), Arbitraries.bigIntegers().between(
                                BigInteger.ZERO, BigInteger.TEN.pow(16)))
                .as((tx, logIndex, amount, gas) -> new TicketTransfer(String.format("0x%064x", tx), logIndex, SENDER,
                        ORCHESTRATORS.get(0), amount, gas));
        Arbitrary<LedgerEvent> marker = Arbitraries.just(new NewRound(0));
        Arbitrary<List<LedgerEvent>> events = Arbitraries.frequencyOf(
                        Tuple.of(6, job), Tuple.of(3, transfer), Tuple.of(2, marker))
                .list().ofMaxSize(80)
                .map(LedgerPropertiesTest::numberRounds);
        return Combinators.combine(policies(), events).as(Scenario::new);
    }

    @Provide
    Arbitrary<BigInteger> revenues() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1_000)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(18)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(200)));
    }

    @Provide
    Arbitrary<WeightSubtotals> weights() {
        return Arbitraries.maps(Arbitraries.of(TRANSCODERS), Arbitraries.oneOf(
                        Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN),
                        Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN.pow(30))))
                .ofMaxSize(TRANSCODERS.size())
                .map(WeightSubtotals::of);
    }

    private static Arbitrary<LedgerPolicy> policies() {
        Arbitrary<JobWeight> weights = Combinators.combine(
                        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(3)),
                        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(10_000)),
                        Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(5_000_000)))
                .filter((p, d, r) -> p.signum() + d.signum() + r.signum() > 0)
                .as(JobWeight::new);
        Arbitrary<Integer> ppm = Arbitraries.oneOf(Arbitraries.of(0, 50_000, 1_000_000),
                Arbitraries.integers().between(0, 1_000_000));
        Arbitrary<BigInteger> threshold = Arbitraries.oneOf(Arbitraries.just(BigInteger.ZERO),
                Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN.pow(18)));
        return Combinators.combine(weights, ppm, Arbitraries.of(true, false), ppm, threshold,
                        Arbitraries.integers().between(1, 3))
                .as((w, feeShare, gas, poolFee, t, retain) -> new LedgerPolicy(w, feeShare, gas, poolFee, t, retain,
                        PoolOrchestrators.of(ORCHESTRATORS.get(0))));
    }

    /**
     * Numbers the rounds from 100 and gives each job a roundJob from R + 1 down to R - 4 (its generated "lateness"
     * 0..5 rounds before R + 1), so that some are late for the policy's window. None is in the future: a re-delivered
     * future job could count once its round comes, which is the rule, but not what "duplicates change nothing" means.
     */
    private static List<LedgerEvent> numberRounds(List<LedgerEvent> events) {
        List<LedgerEvent> numbered = new ArrayList<>(events.size() + 1);
        long round = 100;
        for (LedgerEvent event : events) {
            numbered.add(switch (event) {
                case NewRound r -> new NewRound(round++);
                case TranscoderJob j -> new TranscoderJob(j.orchestrator(), j.jobId(), j.transcoder(), j.pixels(),
                        j.durationMs(), j.profiles(), round - j.roundJob());
                default -> event;
            });
        }
        numbered.add(new NewRound(round));
        return numbered;
    }

    private static LedgerPolicy withPoolFee(int poolFeePpm) {
        LedgerPolicy d = LedgerPolicy.defaults(PoolOrchestrators.of(ORCHESTRATORS.get(0)));
        return new LedgerPolicy(d.weights(), d.delegatorFeeSharePpm(), d.deductRedemptionGas(), poolFeePpm,
                d.payoutThresholdWei(), d.dedupeRetainRounds(), d.orchestrators());
    }

    private static BigInteger sum(List<BigInteger> values) {
        return values.stream().reduce(BigInteger.ZERO, BigInteger::add);
    }
}
