package io.livepeerpool.protocol.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.protocol.rounds.RoundWindow.Refusal;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RoundWindowTest {

    @Test
    void theWindowRunsFromRMinusRetainToRPlusOne() {
        assertThat(RoundWindow.refusal(7, OptionalLong.of(10), 2)).contains(Refusal.LATE);
        assertThat(RoundWindow.refusal(8, OptionalLong.of(10), 2)).isEmpty();
        assertThat(RoundWindow.refusal(10, OptionalLong.of(10), 2)).isEmpty();
        assertThat(RoundWindow.refusal(11, OptionalLong.of(10), 2)).isEmpty();
        assertThat(RoundWindow.refusal(12, OptionalLong.of(10), 2)).contains(Refusal.FUTURE);
        assertThat(RoundWindow.refusal(9, OptionalLong.of(10), 0)).contains(Refusal.LATE);
        assertThat(RoundWindow.refusal(0, OptionalLong.of(1), 0)).contains(Refusal.LATE);
        assertThat(RoundWindow.refusal(0, OptionalLong.of(1), 1)).isEmpty();
    }

    @Test
    void beforeTheFirstNewRoundEveryRoundJobIsTaken() {
        assertThat(RoundWindow.refusal(0, OptionalLong.empty(), 0)).isEmpty();
        assertThat(RoundWindow.refusal(Long.MAX_VALUE, OptionalLong.empty(), 2)).isEmpty();
    }

    @Test
    void refusalsAreSpelledAsTheReplayPrintsThem() {
        assertThat(Refusal.LATE.text()).isEqualTo("late");
        assertThat(Refusal.FUTURE.text()).isEqualTo("future");
        assertThat(Refusal.parse("future")).isEqualTo(Refusal.FUTURE);
        assertThatThrownBy(() -> Refusal.parse("early")).hasMessageContaining("late or future");
    }

    /** The window is exactly R - retain .. R + 1: retain + 2 rounds taken, everything below late, above future. */
    @Property
    void exactlyTheRoundsFromRMinusRetainToRPlusOneAreTaken(@ForAll @LongRange(min = 1, max = 1L << 40) long r,
                                                           @ForAll @IntRange(min = 0, max = RoundWindow.RETAIN_ROUNDS_MAX) int retain,
                                                           @ForAll @LongRange(min = -2_000, max = 2_000) long offset) {
        long roundJob = r + offset;
        Optional<Refusal> refusal = RoundWindow.refusal(roundJob, OptionalLong.of(r), retain);
        if (offset < -retain) {
            assertThat(refusal).contains(Refusal.LATE);
        } else if (offset > 1) {
            assertThat(refusal).contains(Refusal.FUTURE);
        } else {
            assertThat(refusal).isEmpty();
        }
    }

    /** What the ledger may forget is exactly what the window refuses as late. */
    @Property
    void belowLowestKeptIsLateAndFromItOnIsNot(@ForAll @LongRange(min = 1, max = 1L << 40) long r,
                                              @ForAll @IntRange(min = 0, max = RoundWindow.RETAIN_ROUNDS_MAX) int retain) {
        long lowest = RoundWindow.lowestKept(r, retain);
        assertThat(RoundWindow.refusal(lowest - 1, OptionalLong.of(r), retain)).contains(Refusal.LATE);
        assertThat(RoundWindow.refusal(lowest, OptionalLong.of(r), retain)).isEmpty();
    }

    /** A higher R never takes a job a lower R refused as late (a late job stays late while rounds go on). */
    @Property
    void lateStaysLateAsRoundsAdvance(@ForAll @LongRange(min = 0, max = 10_000) long roundJob,
                                      @ForAll @LongRange(min = 1, max = 10_000) long r,
                                      @ForAll @IntRange(min = 0, max = 1_000) int advance,
                                      @ForAll @IntRange(min = 0, max = 50) int retain) {
        if (RoundWindow.refusal(roundJob, OptionalLong.of(r), retain).equals(Optional.of(Refusal.LATE))) {
            assertThat(RoundWindow.refusal(roundJob, OptionalLong.of(r + advance), retain)).contains(Refusal.LATE);
        }
    }
}
