package io.livepeerpool.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToItsBoundCountsFailuresAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000));
        assertThat(new long[] {ms(b), ms(b), ms(b), ms(b), ms(b), ms(b)}).containsExactly(100, 200, 400, 800, 1_000, 1_000);
        assertThat(b.failures()).isEqualTo(6);
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofMillis(100));
        assertThat(b.failures()).isEqualTo(1);
    }

    @Test
    void aBoundThatIsNotAPowerOfTwoOfTheMinimumIsReachedExactly() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(new long[] {ms(b), ms(b), ms(b), ms(b), ms(b)}).containsExactly(100, 200, 400, 500, 500);
    }

    @Test
    void neverOverflowsAfterManyFailures() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofMillis(Long.MAX_VALUE / 1_000_000));
        for (int i = 0; i < 200; i++) {
            assertThat(b.next()).isPositive();
        }
    }

    @Test
    void refusesAnEmptyOrInvertedRange() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static long ms(Backoff b) {
        return b.next().toMillis();
    }
}
