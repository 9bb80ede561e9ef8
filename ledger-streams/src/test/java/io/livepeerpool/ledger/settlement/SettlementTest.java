package io.livepeerpool.ledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.ledger.weight.WeightSubtotals;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettlementTest {
    private static final String A = "0xa000000000000000000000000000000000000001";
    private static final String B = "0xb000000000000000000000000000000000000002";
    private static final LedgerPolicy FIVE_PERCENT = LedgerPolicy.defaults(PoolOrchestrators.of("0x1111111111111111111111111111111111111111")); // 5%

    private static BigInteger wei(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void takesThePoolFeeAndSplitsTheRestByWeight() {
        WeightSubtotals weights = WeightSubtotals.of(Map.of(B, wei(2), A, wei(1)));

        // revenue 1,001: fee floor(1,001 * 0.05) = 50; 951 over 1:2 -> 317, 634 (exact).
        SettlementResult result = Settlement.settle(7, wei(1_001), weights, FIVE_PERCENT);

        assertThat(result).isEqualTo(new SettlementResult(7, wei(1_001), wei(3), wei(50), wei(951), wei(0),
                List.of(new Allocation(A, wei(1), wei(317)), new Allocation(B, wei(2), wei(634))),
                WeightSubtotals.empty()));
    }

    @Test
    void leftoverWeiFromFlooringGoByLargestRemainder() {
        WeightSubtotals weights = WeightSubtotals.of(Map.of(A, wei(1), B, wei(1)));

        // revenue 22: fee floor(1.1) = 1; 21 over 1:1 -> 10 r 1 each; the leftover wei goes to A (lower address).
        SettlementResult result = Settlement.settle(7, wei(22), weights, FIVE_PERCENT);

        assertThat(result.poolFee()).isEqualTo(1);
        assertThat(result.allocations()).extracting(Allocation::amount).containsExactly(wei(11), wei(10));
    }

    @Test
    void revenueWithoutWeightCarriesWholeAndTakesNoFee() {
        SettlementResult result = Settlement.settle(8, wei(1_000), WeightSubtotals.empty(), FIVE_PERCENT);

        assertThat(result).isEqualTo(new SettlementResult(8, wei(1_000), wei(0), wei(0), wei(0), wei(1_000),
                List.of(), WeightSubtotals.empty()));
    }

    @Test
    void weightWithoutRevenueCarriesToTheNextRound() {
        WeightSubtotals weights = WeightSubtotals.of(Map.of(A, wei(5)));

        SettlementResult result = Settlement.settle(9, wei(0), weights, FIVE_PERCENT);

        assertThat(result).isEqualTo(new SettlementResult(9, wei(0), wei(5), wei(0), wei(0), wei(0),
                List.of(), weights));
    }

    @Test
    void carriedWeightAndRevenueSettleTogetherInTheNextRound() {
        SettlementResult noRevenue = Settlement.settle(9, wei(0), WeightSubtotals.of(Map.of(A, wei(5))), FIVE_PERCENT);
        SettlementResult noWeight = Settlement.settle(9, wei(400), WeightSubtotals.empty(), FIVE_PERCENT);
        WeightSubtotals next = noRevenue.carriedWeights().plus(B, wei(15));

        SettlementResult result = Settlement.settle(10, noWeight.carriedRevenue().add(wei(600)), next, FIVE_PERCENT);

        // revenue 1,000: fee 50; 950 over 5:15 -> 237.5, 712.5 -> 237 r 10, 712 r 10: tie -> A gets the leftover wei.
        assertThat(result.revenue()).isEqualTo(1_000);
        assertThat(result.totalWeight()).isEqualTo(20);
        assertThat(result.allocations()).containsExactly(new Allocation(A, wei(5), wei(238)),
                new Allocation(B, wei(15), wei(712)));
    }

    @Test
    void aWholeFeeLeavesZeroAllocationsButStillSettles() {
        LedgerPolicy allFee = LedgerPolicy.fromSettings(Map.of("ledger.poolFeePpm", "1000000",
                "ledger.orchestrators", "0x1111111111111111111111111111111111111111"));

        SettlementResult result = Settlement.settle(3, wei(99), WeightSubtotals.of(Map.of(A, wei(1))), allFee);

        assertThat(result.poolFee()).isEqualTo(99);
        assertThat(result.allocations()).containsExactly(new Allocation(A, wei(1), wei(0)));
        assertThat(result.carriedWeights().isEmpty()).isTrue();
    }

    @Test
    void nothingAtAllSettlesToZeros() {
        SettlementResult result = Settlement.settle(1, wei(0), WeightSubtotals.empty(), FIVE_PERCENT);

        assertThat(result.revenue()).isZero();
        assertThat(result.allocations()).isEmpty();
    }
}
