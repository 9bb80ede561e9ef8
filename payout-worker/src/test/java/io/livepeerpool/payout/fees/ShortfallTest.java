package io.livepeerpool.payout.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import org.junit.jupiter.api.Test;

class ShortfallTest {
    private static final BigInteger ETH = BigInteger.TEN.pow(18);

    @Test
    void withdrawsWhatTheWalletLacksForTheDueAndTheGasReserve() {
        assertThat(Shortfall.withdrawal(eth(3), eth(1), eth(2), eth(10), BigInteger.ONE)).contains(eth(2));
    }

    @Test
    void nothingWhenTheWalletHoldsEnough() {
        assertThat(Shortfall.withdrawal(eth(3), eth(1), eth(4), eth(10), BigInteger.ONE)).isEmpty();
    }

    @Test
    void nothingWhenNothingIsDueEvenBelowTheGasReserve() {
        assertThat(Shortfall.withdrawal(BigInteger.ZERO, eth(1), BigInteger.ZERO, eth(10), BigInteger.ONE)).isEmpty();
    }

    @Test
    void partialWhenTheFeesAreShort() {
        assertThat(Shortfall.withdrawal(eth(3), BigInteger.ZERO, BigInteger.ZERO, eth(1), BigInteger.ONE)).contains(eth(1));
    }

    @Test
    void nothingBelowTheSmallestWithdrawal() {
        assertThat(Shortfall.withdrawal(eth(3), BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(999), BigInteger.valueOf(1000)))
                .isEmpty();
        assertThat(Shortfall.withdrawal(eth(3), BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ONE)).isEmpty();
    }

    @Test
    void negativeAmountsAreABug() {
        assertThatThrownBy(() -> Shortfall.withdrawal(eth(-1), BigInteger.ZERO, BigInteger.ZERO, eth(1), BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Never more than the fees, never more than lacking, exactly what lacks when the fees cover it. */
    @Property
    void boundedByFeesAndNeed(@ForAll @BigRange(min = "0", max = "1000000000000000000000") BigInteger due,
                              @ForAll @BigRange(min = "0", max = "10000000000000000") BigInteger reserve,
                              @ForAll @BigRange(min = "0", max = "1000000000000000000000") BigInteger wallet,
                              @ForAll @BigRange(min = "0", max = "1000000000000000000000") BigInteger fees) {
        Optional<BigInteger> w = Shortfall.withdrawal(due, reserve, wallet, fees, BigInteger.ONE);
        BigInteger lacking = due.add(reserve).subtract(wallet);
        if (due.signum() == 0 || lacking.signum() <= 0 || fees.signum() == 0) {
            assertThat(w).isEmpty();
            return;
        }
        assertThat(w).isPresent();
        assertThat(w.get()).isLessThanOrEqualTo(fees).isLessThanOrEqualTo(lacking).isPositive();
        if (fees.compareTo(lacking) >= 0) {
            assertThat(wallet.add(w.get())).isEqualTo(due.add(reserve));
        }
    }

    private static BigInteger eth(long n) {
        return ETH.multiply(BigInteger.valueOf(n));
    }
}
