package io.livepeerpool.ledger.weight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.ledger.event.TranscoderJob;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class JobWeightTest {
    private static final String O = "0x1111111111111111111111111111111111111111";
    private static final String T = "0xa000000000000000000000000000000000000001";

    @Test
    void typicalJobWeighsMostlyPixels() {
        // 2 s at 30 fps of 240p + 360p + 720p.
        long pixels = 2L * 30 * (426 * 240 + 640 * 360 + 1280 * 720);
        assertThat(pixels).isEqualTo(75_254_400L);
        TranscoderJob job = new TranscoderJob(O, "seg-1", T, pixels, 2_000, 3, 7);

        BigInteger weight = JobWeight.DEFAULT.of(job);

        assertThat(weight).isEqualTo(BigInteger.valueOf(75_254_400L + 10_000_000L + 7_500_000L));
        assertThat(BigInteger.valueOf(pixels).multiply(BigInteger.valueOf(100)).divide(weight)).isEqualTo(81);
    }

    @Test
    void formulaUsesEachCoefficientExactlyBeyondLongRange() {
        JobWeight weights = new JobWeight(BigInteger.valueOf(3), BigInteger.TWO.pow(70), BigInteger.valueOf(11));

        assertThat(weights.of(Long.MAX_VALUE, 2, 5)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE)
                .multiply(BigInteger.valueOf(3)).add(BigInteger.TWO.pow(71)).add(BigInteger.valueOf(55)));
    }

    @Test
    void rejectsNegativeOrAllZeroCoefficients() {
        assertThatThrownBy(() -> new JobWeight(BigInteger.ONE, BigInteger.valueOf(-1), BigInteger.ONE))
                .hasMessageContaining("durationMsCoef");
        assertThatThrownBy(() -> new JobWeight(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO))
                .hasMessageContaining("at least one");
    }
}
