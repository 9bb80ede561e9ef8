package io.livepeerpool.ledger.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.settlement.Allocation;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerStateTest {
    private static final String O1 = "0x1111111111111111111111111111111111111111";
    private static final String O2 = "0x2222222222222222222222222222222222222222";
    private static final String A = "0xa000000000000000000000000000000000000001";
    private static final String B = "0xb000000000000000000000000000000000000002";
    private static final String S = "0x5000000000000000000000000000000000000005";
    private static final String TX = "0x" + "ab".repeat(32);
    /** Weight = pixels, no fee, payout at 100 wei: numbers easy to check by hand. */
    private static final LedgerPolicy SIMPLE = LedgerPolicy.fromSettings(Map.of("ledger.orchestrators", O1, "ledger.weight.pixels", "1",
            "ledger.weight.durationMs", "0", "ledger.weight.profiles", "0", "ledger.poolFeePpm", "0",
            "ledger.payoutThresholdWei", "100"));

    private static TranscoderJob job(String orchestrator, String jobId, String transcoder, long pixels) {
        return new TranscoderJob(orchestrator, jobId, transcoder, pixels, 2_000, 3, 1);
    }

    private static TicketTransfer transfer(int logIndex, long amount) {
        return new TicketTransfer(TX, logIndex, S, O1, BigInteger.valueOf(amount), BigInteger.ZERO);
    }

    @Test
    void aJobCountsOncePerOrchestratorAndJobId() {
        LedgerState state = new LedgerState(SIMPLE);

        assertThat(state.recordJob(job(O1, "seg-1", A, 10))).isTrue();
        assertThat(state.recordJob(job(O1, "seg-1", A, 10))).isFalse();
        assertThat(state.recordJob(job(O1, "seg-1", B, 99))).as("same id, other fields: still the same job").isFalse();
        assertThat(state.recordJob(job(O2, "seg-1", A, 10))).as("another orchestrator's seg-1").isTrue();

        assertThat(state.pendingWeights().weightOf(A)).isEqualTo(20);
        assertThat(state.pendingWeights().weightOf(B)).isZero();
    }

    @Test
    void aTransferCountsOncePerTxHashAndLogIndex() {
        LedgerState state = new LedgerState(SIMPLE);

        state.recordTransfer(transfer(0, 40));
        state.recordTransfer(transfer(0, 40));
        state.recordTransfer(transfer(1, 2));

        assertThat(state.pendingRevenue()).isEqualTo(42);
    }

    @Test
    void duplicatesFromThePreviousRoundStillCountOnce() {
        LedgerState state = new LedgerState(SIMPLE);
        state.recordJob(job(O1, "seg-1", A, 10));
        state.recordTransfer(transfer(0, 40));
        state.settle(5);

        assertThat(state.recordJob(job(O1, "seg-1", A, 10))).isFalse();
        assertThat(state.recordTransfer(transfer(0, 40))).isFalse();
    }

    @Test
    void settlesCreditsAndPaysOutAtTheThreshold() {
        LedgerState state = new LedgerState(SIMPLE);
        state.apply(job(O1, "1", A, 1));
        state.apply(job(O1, "2", B, 2));
        state.apply(transfer(0, 300));

        RoundOutcome outcome = state.apply(new NewRound(5)).orElseThrow();

        // 300 over 1:2 -> A 100 (reaches the threshold, paid), B 200 (paid).
        assertThat(outcome.settlement().allocations()).containsExactly(
                new Allocation(A, BigInteger.ONE, BigInteger.valueOf(100)),
                new Allocation(B, BigInteger.TWO, BigInteger.valueOf(200)));
        assertThat(outcome.payouts()).containsExactly(new PayoutRequest(5, A, BigInteger.valueOf(100)),
                new PayoutRequest(5, B, BigInteger.valueOf(200)));
        assertThat(state.balances().total()).isZero();
    }

    @Test
    void aRedeliveredNewRoundChangesNothing() {
        LedgerState state = new LedgerState(SIMPLE);
        state.apply(transfer(0, 50));
        assertThat(state.apply(new NewRound(5))).isPresent();
        state.apply(new TranscoderJob(O1, "1", A, 1, 2_000, 3, 5));

        assertThat(state.apply(new NewRound(5))).isEmpty();
        assertThat(state.apply(new NewRound(4))).isEmpty();

        assertThat(state.pendingRevenue()).as("carried, no weight in round 5").isEqualTo(50);
        assertThat(state.pendingWeights().weightOf(A)).isEqualTo(1);
        assertThat(state.lastSettledRound()).isEqualTo(5);
    }
}
