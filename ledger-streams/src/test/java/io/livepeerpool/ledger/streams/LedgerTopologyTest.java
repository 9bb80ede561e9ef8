package io.livepeerpool.ledger.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PoolOrchestrators;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.ledger.streams.Outputs.AllocationLine;
import io.livepeerpool.ledger.streams.Outputs.Line;
import io.livepeerpool.ledger.streams.Outputs.PayoutLine;
import io.livepeerpool.ledger.streams.Outputs.SettlementLine;
import io.livepeerpool.ledger.weight.JobWeight;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topology in a TopologyTestDriver, with hand-checked numbers. */
class LedgerTopologyTest {
    static final String T1 = "0x0000000000000000000000000000000000000001";
    static final String T2 = "0x0000000000000000000000000000000000000002";
    static final String T3 = "0x0000000000000000000000000000000000000003";
    static final String ORCH = "0x1111111111111111111111111111111111111111";
    static final String ORCH2 = "0x2222222222222222222222222222222222222222";
    /** Weight = pixels; 10% pool fee; payouts from 1000 wei; dedupe over the current and previous epoch. */
    static final LedgerPolicy POLICY = policy(1);

    static LedgerPolicy policy(int retainRounds) {
        return new LedgerPolicy(new JobWeight(BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO), 0, false, 100_000,
                BigInteger.valueOf(1_000), retainRounds, PoolOrchestrators.of(Scenarios.RECIPIENT));
    }

    static TranscoderJob job(String orchestrator, String id, String transcoder, long pixels) {
        return job(orchestrator, id, transcoder, pixels, 1);
    }

    static TranscoderJob job(String orchestrator, String id, String transcoder, long pixels, long roundJob) {
        return new TranscoderJob(orchestrator, id, transcoder, pixels, 2_000, 3, roundJob);
    }

    static TicketTransfer transfer(int n, long amount) {
        return new TicketTransfer(AvroEvents.hash(n), 0, Scenarios.SENDER, Scenarios.RECIPIENT,
                BigInteger.valueOf(amount), BigInteger.valueOf(5));
    }

    static BigInteger wei(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void settlesOneRoundWithHandCheckedNumbers() {
        try (LedgerDriver ledger = new LedgerDriver(POLICY)) {
            ledger.pipeAll(List.of(job(ORCH, "a", T1, 100), job(ORCH, "b", T2, 200), job(ORCH, "c", T3, 300),
                    transfer(1, 1_001), job(ORCH, "d", T3, 400), new NewRound(7)));

            // revenue 1001, fee floor(100.1) = 100, distributable 901 over W = 1000:
            // T1 90.1, T2 180.2, T3 630.7 -> 90, 180, 630 and the leftover wei to the largest remainder, T3
            assertThat(ledger.settlements()).containsExactly(new SettlementLine(7, wei(1_001), wei(1_000), wei(100),
                    wei(901), wei(0), List.of(new Line(T1, wei(100), wei(90)), new Line(T2, wei(200), wei(180)),
                            new Line(T3, wei(700), wei(631)))));
            assertThat(ledger.allocations()).containsExactly(new AllocationLine(7, T1, wei(100), wei(90), wei(90)),
                    new AllocationLine(7, T2, wei(200), wei(180), wei(180)),
                    new AllocationLine(7, T3, wei(700), wei(631), wei(631)));
            assertThat(ledger.payouts()).isEmpty();
        }
    }

    @Test
    void countsAJobOncePerOrchestratorEvenWhenAReportNamesAnotherTranscoder() {
        try (LedgerDriver ledger = new LedgerDriver(POLICY)) {
            ledger.pipeAll(List.of(job(ORCH, "a", T1, 100), job(ORCH, "a", T1, 100), job(ORCH, "a", T2, 500),
                    job(ORCH2, "a", T2, 300), transfer(1, 1_000), new NewRound(1)));

            SettlementLine settlement = ledger.settlements().getFirst();
            assertThat(settlement.totalWeight()).isEqualTo(wei(400));
            assertThat(settlement.allocations()).containsExactly(new Line(T1, wei(100), wei(225)),
                    new Line(T2, wei(300), wei(675)));
        }
    }

    @Test
    void recordsWhereEachEpochBeginsInTheJobsPartition() {
        try (LedgerDriver ledger = new LedgerDriver(POLICY)) {
            ledger.pipeAll(List.of(new NewRound(3), job(ORCH, "a", T1, 100), job(ORCH, "a", T2, 100),
                    job(ORCH, "b", T1, 100), transfer(1, 1_000), new NewRound(4), new NewRound(4), new NewRound(5)));

            // epoch 1 begins before any job (offset 0); epoch 2 after the three job records (a duplicate included:
            // it was read in epoch 1); the re-delivered NewRound 4 closes nothing; epoch 3 begins at the same offset
            var boundaries = ledger.boundaries();
            assertThat(boundaries.stream().filter(r -> r.value().getSource().equals("jobs")).toList())
                    .extracting(r -> r.key(), r -> r.value().getEpoch(),
                    r -> r.value().getRound(), r -> r.value().getPartition(), r -> r.value().getPartitions(),
                    r -> r.value().getOffset())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1|jobs|0", 1L, 3L, 0, 1, 0L),
                            org.assertj.core.groups.Tuple.tuple("2|jobs|0", 2L, 4L, 0, 1, 3L),
                            org.assertj.core.groups.Tuple.tuple("3|jobs|0", 3L, 5L, 0, 1, 3L));
            // each settlement records where it lies in the payout outcomes and settings (none read yet: offset 0)
            assertThat(boundaries.stream().filter(r -> !r.value().getSource().equals("jobs")).toList())
                    .extracting(r -> r.key(), r -> r.value().getOffset())
                    .contains(org.assertj.core.groups.Tuple.tuple("1|payouts|0", 0L),
                            org.assertj.core.groups.Tuple.tuple("1|payoutSettings|0", 0L));
        }
    }

    @Test
    void stopsOnAJobOnAPartitionItsKeyDoesNotHashTo() {
        try (LedgerDriver ledger = new LedgerDriver(POLICY, 2)) {
            // the driver has one partition (0); with two jobs partitions, some (orchestrator, jobId) hash to 1
            String jobId = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "j" + i)
                    .filter(id -> io.livepeerpool.schemas.topics.JobKeys.partitionOf(ORCH, id, 2) == 1)
                    .findFirst().orElseThrow();
            assertThatThrownBy(() -> ledger.pipe(job(ORCH, jobId, T1, 100)))
                    .hasStackTraceContaining("belongs on partition 1 of 2");
        }
    }

    @Test
    void aMarkerForgetsEveryIdBelowTheWindowAcrossMoreThanOneScanBatch() {
        int ids = 2 * io.livepeerpool.ledger.streams.store.RoundDedupeAccess.purgeBatchMax() + 123;
        try (LedgerDriver ledger = new LedgerDriver(policy(0))) {
            List<TranscoderJob> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < ids; i++) {
                jobs.add(job(ORCH, "old-" + i, T1, 1, 1));
            }
            jobs.add(job(ORCH, "kept", T2, 1, 3));
            ledger.pipeAll(jobs);
            assertThat(ledger.entries(LedgerStores.COUNTED_JOBS)).isEqualTo(ids + 1);

            // R = 3 with retainRounds 0: ids whose roundJob is below 3 are forgotten, "kept" (roundJob 3) stays
            ledger.pipeAll(List.of(new NewRound(3)));
            assertThat(ledger.entries(LedgerStores.COUNTED_JOBS)).isEqualTo(1);
            // a copy of a forgotten id repeats its report: refused as late, never counted again
            ledger.pipeAll(List.of(job(ORCH, "old-7", T1, 1, 1), job(ORCH, "kept", T2, 1, 3)));
            assertThat(ledger.refusals()).containsExactly(new Outputs.RefusalLine(ORCH, "old-7", 1, "late"));
            assertThat(ledger.entries(LedgerStores.COUNTED_JOBS)).isEqualTo(1);
        }
    }

    @Test
    void aJobCountsOnceEverAndOutsideTheRoundWindowIsRefused() {
        try (LedgerDriver ledger = new LedgerDriver(policy(0))) {
            ledger.pipeAll(List.of(job(ORCH, "a", T1, 100), transfer(1, 1_000), new NewRound(1),
                    job(ORCH, "a", T1, 100), job(ORCH, "b", T2, 100, 2), transfer(2, 1_000), new NewRound(2),
                    job(ORCH, "a", T1, 100, 1), job(ORCH, "c", T2, 100, 4), job(ORCH, "d", T2, 100, 3),
                    transfer(3, 1_000), new NewRound(3)));

            List<SettlementLine> settlements = ledger.settlements();
            assertThat(settlements.get(1).totalWeight()).as("a again inside the window: a duplicate").isEqualTo(wei(100));
            assertThat(settlements.get(2).totalWeight()).as("only d").isEqualTo(wei(100));
            assertThat(ledger.refusals()).containsExactly(new Outputs.RefusalLine(ORCH, "a", 1, "late"),
                    new Outputs.RefusalLine(ORCH, "c", 4, "future"));
        }
    }

    /** The read model finds the refused post by its place in the jobs topic (the driver's one partition). */
    @Test
    void aRefusalNamesThePostItRefused() {
        try (LedgerDriver ledger = new LedgerDriver(policy(0))) {
            ledger.pipeAll(List.of(job(ORCH, "a", T1, 100), transfer(1, 1_000), new NewRound(1),
                    job(ORCH, "a", T1, 100), job(ORCH, "b", T2, 100, 2), transfer(2, 1_000), new NewRound(2),
                    job(ORCH, "a", T1, 100, 1), job(ORCH, "c", T2, 100, 4), job(ORCH, "d", T2, 100, 3)));
            assertThat(ledger.refusalRecords())
                    .extracting(r -> r.getJobId(), r -> r.getJobPartition(), r -> r.getJobOffset())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 0, 3L),
                            org.assertj.core.groups.Tuple.tuple("c", 0, 4L));
        }
    }

    @Test
    void onlyThePoolsOrchestratorsEarnAtTheirOnChainFeeShareAndBatchGasIsShared() {
        LedgerPolicy policy = new LedgerPolicy(new JobWeight(BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO),
                100_000, true, 0, BigInteger.TEN.pow(30), 2, PoolOrchestrators.of(Scenarios.RECIPIENT));
        try (LedgerDriver ledger = new LedgerDriver(policy)) {
            String tx = AvroEvents.hash(9);
            ledger.pipeAll(List.of(job(ORCH, "a", T1, 100),
                    new TicketTransfer(tx, 0, Scenarios.SENDER, Scenarios.RECIPIENT, wei(1_000), wei(10), 3, 0),
                    new TicketTransfer(tx, 1, Scenarios.SENDER, Scenarios.FOREIGN, wei(5_000), wei(10), 3, 1),
                    new TicketTransfer(tx, 2, Scenarios.SENDER, Scenarios.RECIPIENT, wei(1_000), wei(10), 3, 2),
                    new NewRound(1),
                    new TranscoderUpdate(Scenarios.RECIPIENT, 0, 500_000),
                    new TranscoderUpdate(Scenarios.FOREIGN, 0, 0),
                    job(ORCH, "b", T1, 100),
                    new TicketTransfer(AvroEvents.hash(10), 0, Scenarios.SENDER, Scenarios.RECIPIENT, wei(1_000),
                            wei(0)),
                    new NewRound(2)));

            List<SettlementLine> settlements = ledger.settlements();
            // 1000 - 100 - 3 and 1000 - 100 - 4 (gas 10 over 3 tickets: 3, 3, 4); the 5000 to another orchestrator
            // is not revenue
            assertThat(settlements.get(0).revenue()).isEqualTo(wei(1_793));
            // feeShare 50% from its TranscoderUpdate on
            assertThat(settlements.get(1).revenue()).isEqualTo(wei(500));
        }
    }

    @Test
    void revenueWithoutWeightCarriesToTheNextRound() {
        try (LedgerDriver ledger = new LedgerDriver(POLICY)) {
            ledger.pipeAll(List.of(transfer(1, 1_000), new NewRound(1)));
            assertThat(ledger.settlements()).containsExactly(new SettlementLine(1, wei(1_000), wei(0), wei(0), wei(0),
                    wei(1_000), List.of()));

            ledger.pipeAll(List.of(job(ORCH, "a", T1, 100), new NewRound(2)));
            assertThat(ledger.settlements()).containsExactly(new SettlementLine(2, wei(1_000), wei(100), wei(100),
                    wei(900), wei(0), List.of(new Line(T1, wei(100), wei(900)))));
        }
    }

    @Test
    void weightsWithoutRevenueCarryToTheNextRound() {
        try (LedgerDriver ledger = new LedgerDriver(POLICY)) {
            ledger.pipeAll(List.of(job(ORCH, "a", T1, 100), new NewRound(1)));
            assertThat(ledger.settlements()).containsExactly(new SettlementLine(1, wei(0), wei(100), wei(0), wei(0),
                    wei(0), List.of()));

            ledger.pipeAll(List.of(job(ORCH, "b", T2, 300), transfer(1, 1_000), new NewRound(2)));
            assertThat(ledger.settlements()).containsExactly(new SettlementLine(2, wei(1_000), wei(400), wei(100),
                    wei(900), wei(0), List.of(new Line(T1, wei(100), wei(225)), new Line(T2, wei(300), wei(675)))));
        }
    }

    @Test
    void requestsAPayoutOfTheWholeBalanceAtTheThresholdWithADeterministicId() {
        try (LedgerDriver ledger = new LedgerDriver(POLICY)) {
            ledger.pipeAll(List.of(job(ORCH, "a", T1, 100), job(ORCH, "b", T3, 700), transfer(1, 1_001),
                    new NewRound(7)));
            ledger.allocations();
            assertThat(ledger.payouts()).isEmpty();

            ledger.pipeAll(List.of(job(ORCH, "c", T3, 50, 8), transfer(2, 1_000), new NewRound(8)));

            // T3: 788 wei after round 7 (901 * 700/800 = 788.375; the leftover wei goes to T1), + 900 = 1688
            assertThat(ledger.allocations()).containsExactly(new AllocationLine(8, T3, wei(50), wei(900), wei(0)));
            assertThat(ledger.payouts()).containsExactly(new PayoutLine(8, T3, wei(1_688),
                    PayoutRequest.idFor(T3, 8), null));
            assertThat(PayoutRequest.idFor(T3, 8)).hasSize(64).isEqualTo(PayoutRequest.idFor(T3, 8));
        }
    }

    @Test
    void ignoresANewRoundAtOrBelowTheLastOneAccepted() {
        try (LedgerDriver ledger = new LedgerDriver(POLICY)) {
            ledger.pipeAll(List.of(transfer(1, 1_000), new NewRound(5), new NewRound(5), new NewRound(3)));
            assertThat(ledger.settlements()).extracting(SettlementLine::round).containsExactly(5L);

            ledger.pipeAll(List.of(transfer(1, 1_000), transfer(2, 500), new NewRound(6)));
            assertThat(ledger.settlements()).singleElement().satisfies(s -> {
                assertThat(s.round()).isEqualTo(6);
                assertThat(s.revenue()).as("carried 1000 + 500; the re-delivered transfer 1 does not count")
                        .isEqualTo(wei(1_500));
            });
        }
    }

    @Test
    void stopsOnAnInvalidJobInsteadOfSkippingIt() {
        try (LedgerDriver ledger = new LedgerDriver(POLICY)) {
            var bad = AvroEvents.job(job(ORCH, "a", T1, 100));
            bad.setTranscoder("0xAbCdEf0000000000000000000000000000000001");

            assertThatThrownBy(() -> ledger.jobs.pipeInput(T1, bad))
                    .hasStackTraceContaining("invalid job").hasStackTraceContaining("transcoder");
        }
    }
}
