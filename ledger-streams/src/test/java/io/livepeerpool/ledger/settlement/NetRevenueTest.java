package io.livepeerpool.ledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class NetRevenueTest {

    private static BigInteger net(long amount, long gas, int feeSharePpm, boolean deductGas) {
        return NetRevenue.of(BigInteger.valueOf(amount), BigInteger.valueOf(gas), feeSharePpm, deductGas);
    }

    @Test
    void defaultsKeepTheWholeAmount() {
        assertThat(net(1_000, 300, 0, false)).isEqualTo(1_000);
    }

    @Test
    void delegatorShareIsRoundedDown() {
        // 999 * 25% = 249.75 -> delegators 249, pool 750.
        assertThat(net(999, 0, 250_000, false)).isEqualTo(750);
        assertThat(net(999, 0, 1_000_000, false)).isZero();
    }

    @Test
    void gasIsDeductedOnlyWhenConfigured() {
        assertThat(net(1_000, 300, 0, true)).isEqualTo(700);
        // 1,000 - 100 (10%) - 300 gas.
        assertThat(net(1_000, 300, 100_000, true)).isEqualTo(600);
    }

    @Test
    void neverBelowZero() {
        assertThat(net(1_000, 5_000, 0, true)).isZero();
        assertThat(net(1_000, 901, 100_000, true)).isZero();
        assertThat(net(0, 0, 500_000, true)).isZero();
    }

    @Test
    void rejectsNegativeInputs() {
        assertThatThrownBy(() -> net(-1, 0, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> net(1, 0, 1_000_001, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
