package io.livepeerpool.payout.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.chain.payouts.PayoutLog;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptReadingTest {
    private static final Address P = Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
    private static final Bytes32 A = PoolPayoutsClient.onChainId("a");
    private static final Bytes32 B = PoolPayoutsClient.onChainId("b");
    private static final Bytes32 C = PoolPayoutsClient.onChainId("c");
    private static final Bytes32 D = PoolPayoutsClient.onChainId("d");

    @Test
    void eachPayoutGetsItsOwnLogInCallOrder() {
        List<PayoutLog> logs = List.of(
                new PayoutLog.Paid(B, P, BigInteger.TWO, 4),
                new PayoutLog.Refused(A, P, BigInteger.ONE, 3),
                new PayoutLog.Skipped(C, 5));
        assertThat(ReceiptReading.results(List.of(A, B, C, D), true, logs)).containsExactly(
                new LineResult.Refused(BigInteger.ONE, 3),
                new LineResult.Paid(BigInteger.TWO, 4),
                new LineResult.Unexplained("PayoutSkipped: settled by an earlier transaction"),
                new LineResult.Unexplained("no PoolPayouts log for this id"));
    }

    @Test
    void aRevertedTransactionRevertsEveryPayoutItCarried() {
        assertThat(ReceiptReading.results(List.of(A, B), false, List.of()))
                .containsExactly(new LineResult.Reverted(), new LineResult.Reverted());
    }

    @Test
    void twoLogsForOneIdBreakAnInvariant() {
        List<PayoutLog> logs = List.of(new PayoutLog.Paid(A, P, BigInteger.ONE, 1), new PayoutLog.Skipped(A, 2));
        assertThatThrownBy(() -> ReceiptReading.results(List.of(A), true, logs)).isInstanceOf(IllegalStateException.class);
    }
}
