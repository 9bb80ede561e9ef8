package io.livepeerpool.chain.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Positive;
import org.junit.jupiter.api.Test;

class GasSharesTest {

    @Test
    void splitsAsFloorDifferences() {
        assertThat(GasShares.split(BigInteger.TEN, 3)).containsExactly(BigInteger.valueOf(3), BigInteger.valueOf(3),
                BigInteger.valueOf(4));
        assertThat(GasShares.split(BigInteger.valueOf(7), 1)).containsExactly(BigInteger.valueOf(7));
    }

    @Property
    void sharesSumToTheGasAndDifferByAtMostOne(@ForAll @Positive long gas, @ForAll @IntRange(min = 1, max = 50) int n) {
        List<BigInteger> shares = GasShares.split(BigInteger.valueOf(gas), n);
        assertThat(shares).hasSize(n);
        assertThat(shares.stream().reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(BigInteger.valueOf(gas));
        BigInteger min = shares.stream().min(BigInteger::compareTo).orElseThrow();
        BigInteger max = shares.stream().max(BigInteger::compareTo).orElseThrow();
        assertThat(max.subtract(min)).isLessThanOrEqualTo(BigInteger.ONE);
    }
}
