package io.livepeerpool.ledger.weight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightSubtotalsTest {
    private static final String A = "0xa000000000000000000000000000000000000001";
    private static final String B = "0xb000000000000000000000000000000000000002";

    @Test
    void plusAccumulatesPerTranscoderAndDropsZeros() {
        WeightSubtotals epoch = WeightSubtotals.empty()
                .plus(B, BigInteger.valueOf(5))
                .plus(A, BigInteger.ZERO)
                .plus(B, BigInteger.valueOf(7));

        assertThat(epoch.byTranscoder()).containsExactly(Map.entry(B, BigInteger.valueOf(12)));
        assertThat(epoch.weightOf(A)).isZero();
        assertThat(epoch.total()).isEqualTo(12);
    }

    @Test
    void mergeSumsPartitionsInAnyOrder() {
        WeightSubtotals p0 = WeightSubtotals.empty().plus(A, BigInteger.ONE);
        WeightSubtotals p1 = WeightSubtotals.empty().plus(A, BigInteger.TWO).plus(B, BigInteger.TEN);

        WeightSubtotals merged = WeightSubtotals.merge(List.of(p0, p1, WeightSubtotals.empty()));

        assertThat(merged).isEqualTo(WeightSubtotals.merge(List.of(p1, p0)));
        assertThat(merged.byTranscoder()).containsExactly(
                Map.entry(A, BigInteger.valueOf(3)), Map.entry(B, BigInteger.TEN));
        assertThat(p0.plus(p1)).isEqualTo(merged);
    }
}
