package io.livepeerpool.chain.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FeesTest {
    @Test
    void bumpRoundsUpSoTheNodeSeesAtLeastThePercentage() {
        Fees bumped = new Fees(BigInteger.valueOf(1_001), BigInteger.valueOf(3)).bumped(10);
        assertThat(bumped.maxFeePerGas()).isEqualTo(BigInteger.valueOf(1_102)); // 1101.1 -> 1102
        assertThat(bumped.maxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(4)); // 3.3 -> 4
    }
}
