package io.livepeerpool.ledger.streams.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CountedJobSerdeTest {

    @Property(tries = 300)
    void readsBackWhatItWrote(@ForAll long roundJob, @ForAll long epoch, @ForAll @StringLength(max = 60) String transcoder,
                              @ForAll @BigRange(min = "0", max = "115792089237316195423570985008687907853269984665640564039457584007913129639935") BigInteger weight) {
        CountedJob job = new CountedJob(roundJob, epoch, transcoder, weight);
        assertThat(CountedJobSerde.read(CountedJobSerde.write(job))).isEqualTo(job);
    }

    @Test
    void refusesAnotherVersionAndCutBytes() {
        byte[] bytes = CountedJobSerde.write(new CountedJob(3, 1, "0xab", BigInteger.TEN));
        byte[] other = bytes.clone();
        other[0] = 2;
        assertThatThrownBy(() -> CountedJobSerde.read(other)).hasMessageContaining("version 2");
        assertThatThrownBy(() -> CountedJobSerde.read(Arrays.copyOf(bytes, bytes.length - 1)))
                .hasMessageContaining("cut short");
    }

    @Test
    void keepsTheHighestRoundOfItsCopiesAndNothingElseChanges() {
        CountedJob job = new CountedJob(5, 2, "0xab", BigInteger.TWO);
        assertThat(job.seenAgain(4)).isSameAs(job);
        assertThat(job.seenAgain(7)).isEqualTo(new CountedJob(7, 2, "0xab", BigInteger.TWO));
    }
}
