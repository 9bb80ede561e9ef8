package io.livepeerpool.payout.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.schemas.avro.GasPayer;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class GasApportioningTest {

    @Property
    void memberSharesSumToTheTransactionsGasAndDifferByAtMostOneWei(
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long gasWei, @ForAll @IntRange(min = 1, max = 500) int payouts,
            @ForAll @IntRange(min = 0, max = 1_000_000) int scale) {
        BigInteger gas = BigInteger.valueOf(gasWei).multiply(BigInteger.valueOf(scale)); // beyond 2^63 too
        List<BigInteger> shares = GasApportioning.shares(GasPayer.member, gas, payouts);
        assertThat(shares).hasSize(payouts);
        assertThat(shares.stream().reduce(BigInteger.ZERO, BigInteger::add)).isEqualTo(gas);
        BigInteger min = shares.stream().min(BigInteger::compareTo).orElseThrow();
        BigInteger max = shares.stream().max(BigInteger::compareTo).orElseThrow();
        assertThat(max.subtract(min)).isLessThanOrEqualTo(BigInteger.ONE);
        assertThat(min.signum()).isGreaterThanOrEqualTo(0);
    }

    @Property
    void whenThePoolPaysNoMemberBearsAnyGas(@ForAll @LongRange(min = 0) long gasWei,
                                            @ForAll @IntRange(min = 1, max = 500) int payouts) {
        assertThat(GasApportioning.shares(GasPayer.pool, BigInteger.valueOf(gasWei), payouts))
                .hasSize(payouts).allMatch(s -> s.signum() == 0);
    }

    @Property
    void theFormulaOfTheIssue(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long g,
                              @ForAll @IntRange(min = 1, max = 100) int n) {
        List<BigInteger> shares = GasApportioning.shares(GasPayer.member, BigInteger.valueOf(g), n);
        for (int i = 0; i < n; i++) {
            long expected = Math.floorDiv(g * (i + 1), n) - Math.floorDiv(g * i, n);
            assertThat(shares.get(i)).isEqualTo(BigInteger.valueOf(expected));
        }
    }
}
