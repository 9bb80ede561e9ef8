package io.livepeerpool.redeemer.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class GasWorthTest {
    private static final BigInteger GAS = BigInteger.valueOf(200_000);
    private static final BigInteger PRICE = BigInteger.valueOf(1_000_000_000);

    @Test
    void atOneHundredPercentTheFaceValueMustPayTheGas() {
        GasWorth worth = new GasWorth(100);
        BigInteger cost = GAS.multiply(PRICE);
        assertThat(worth.covers(cost, GAS, PRICE)).isTrue();
        assertThat(worth.covers(cost.subtract(BigInteger.ONE), GAS, PRICE)).isFalse();
    }

    @Test
    void zeroSendsEverythingAndHigherAsksForMore() {
        assertThat(new GasWorth(0).covers(BigInteger.ZERO, GAS, PRICE)).isTrue();
        BigInteger cost = GAS.multiply(PRICE);
        assertThat(new GasWorth(300).covers(cost.multiply(BigInteger.TWO), GAS, PRICE)).isFalse();
        assertThat(new GasWorth(300).covers(cost.multiply(BigInteger.valueOf(3)), GAS, PRICE)).isTrue();
    }
}
