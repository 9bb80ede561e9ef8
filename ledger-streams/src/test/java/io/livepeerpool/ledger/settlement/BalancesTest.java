package io.livepeerpool.ledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BalancesTest {
    private static final String A = "0xa000000000000000000000000000000000000001";
    private static final String B = "0xb000000000000000000000000000000000000002";
    private static final BigInteger THRESHOLD = BigInteger.valueOf(100);

    private static Allocation allocation(String transcoder, long amount) {
        return new Allocation(transcoder, BigInteger.ONE, BigInteger.valueOf(amount));
    }

    @Test
    void belowTheThresholdTheBalanceAccumulates() {
        Balances.Credited first = Balances.empty().credit(1, List.of(allocation(A, 60)), THRESHOLD);
        Balances.Credited second = first.balances().credit(2, List.of(allocation(A, 39)), THRESHOLD);

        assertThat(first.payouts()).isEmpty();
        assertThat(second.payouts()).isEmpty();
        assertThat(second.balances().balanceOf(A)).isEqualTo(99);
    }

    @Test
    void reachingTheThresholdPaysOutTheWholeBalance() {
        Balances before = new Balances(new TreeMap<>(Map.of(A, BigInteger.valueOf(99),
                B, BigInteger.valueOf(5))));

        Balances.Credited credited = before.credit(100, List.of(allocation(A, 1), allocation(B, 500)), THRESHOLD);

        assertThat(credited.payouts()).containsExactly(
                new PayoutRequest(100, A, BigInteger.valueOf(100)), new PayoutRequest(100, B, BigInteger.valueOf(505)));
        assertThat(credited.balances().byTranscoder()).isEmpty();
        assertThat(credited.payouts().get(0).payoutId())
                .isEqualTo("53001161a07cc0e40696c76e3a6120429d793da66ead22f5dc0f3a45f4c9ecb4");
    }

    @Test
    void zeroThresholdPaysAnyPositiveBalanceButNeverZero() {
        Balances.Step zero = Balances.credit(A, BigInteger.ZERO, BigInteger.ZERO, 4, BigInteger.ZERO);
        Balances.Step one = Balances.credit(A, BigInteger.ZERO, BigInteger.ONE, 4, BigInteger.ZERO);

        assertThat(zero.payout()).isEmpty();
        assertThat(one.payout()).contains(new PayoutRequest(4, A, BigInteger.ONE));
        assertThat(one.balance()).isZero();
    }

    @Test
    void payoutIdIsSha256OfTranscoderAndRound() {
        // python3 -c "import hashlib; print(hashlib.sha256(b'payout|0xa000...0001|100').hexdigest())"
        assertThat(PayoutRequest.idFor(A, 100))
                .isEqualTo("53001161a07cc0e40696c76e3a6120429d793da66ead22f5dc0f3a45f4c9ecb4");
        assertThat(PayoutRequest.idFor(A, 101)).isNotEqualTo(PayoutRequest.idFor(A, 100));
        assertThat(PayoutRequest.idFor(B, 100)).isNotEqualTo(PayoutRequest.idFor(A, 100));
    }
}
