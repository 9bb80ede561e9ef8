package io.livepeerpool.ledger.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GasShareTest {

    @Test
    void splitsByHand() {
        // 10 wei over 3 tickets: floor(10/3)=3, floor(20/3)-3=3, 10-6=4
        assertThat(GasShare.of(BigInteger.TEN, 3, 0)).isEqualTo(BigInteger.valueOf(3));
        assertThat(GasShare.of(BigInteger.TEN, 3, 1)).isEqualTo(BigInteger.valueOf(3));
        assertThat(GasShare.of(BigInteger.TEN, 3, 2)).isEqualTo(BigInteger.valueOf(4));
        assertThat(GasShare.of(BigInteger.valueOf(7), 1, 0)).isEqualTo(BigInteger.valueOf(7));
        assertThat(GasShare.of(BigInteger.TWO, 4, 0)).isZero();
        assertThat(GasShare.of(BigInteger.TWO, 4, 1)).isOne();
    }

    @Test
    void refusesAPositionOutsideTheTransaction() {
        assertThatThrownBy(() -> GasShare.of(BigInteger.TEN, 0, 0)).hasMessageContaining("txTickets");
        assertThatThrownBy(() -> GasShare.of(BigInteger.TEN, 2, 2)).hasMessageContaining("txTicketIndex");
        assertThatThrownBy(() -> GasShare.of(BigInteger.TEN, 2, -1)).hasMessageContaining("txTicketIndex");
        assertThatThrownBy(() -> GasShare.of(BigInteger.ONE.negate(), 1, 0)).hasMessageContaining("gasCost");
    }

    @Property(tries = 500)
    void theSharesSumExactlyToTheGasAndDifferByAtMostOneWei(@ForAll("gas") BigInteger gasCost,
                                                            @ForAll @IntRange(min = 1, max = 300) int txTickets) {
        BigInteger sum = BigInteger.ZERO;
        BigInteger min = null;
        BigInteger max = null;
        for (int i = 0; i < txTickets; i++) {
            BigInteger share = GasShare.of(gasCost, txTickets, i);
            assertThat(share).isNotNegative();
            sum = sum.add(share);
            min = min == null ? share : min.min(share);
            max = max == null ? share : max.max(share);
        }
        assertThat(sum).isEqualTo(gasCost);
        assertThat(max.subtract(min)).isLessThanOrEqualTo(BigInteger.ONE);
        assertThat(min).isEqualTo(gasCost.divide(BigInteger.valueOf(txTickets)));
    }

    @Provide
    Arbitrary<BigInteger> gas() {
        return Arbitraries.oneOf(Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1_000)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TWO.pow(256).subtract(BigInteger.ONE)));
    }
}
