package io.livepeerpool.ledger.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.livepeerpool.protocol.rounds.RoundWindow;
import io.livepeerpool.protocol.rounds.RoundWindow.Refusal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SeenJobsTest {

    @Test
    void theWindowRunsFromRMinusRetainToRPlusOne() {
        assertThat(RoundWindow.refusal(0, OptionalLong.empty(), 2)).as("before the first NewRound").isEmpty();
        assertThat(RoundWindow.refusal(999, OptionalLong.empty(), 2)).isEmpty();
        assertThat(RoundWindow.refusal(7, OptionalLong.of(10), 2)).contains(Refusal.LATE);
        assertThat(RoundWindow.refusal(8, OptionalLong.of(10), 2)).isEmpty();
        assertThat(RoundWindow.refusal(11, OptionalLong.of(10), 2)).isEmpty();
        assertThat(RoundWindow.refusal(12, OptionalLong.of(10), 2)).contains(Refusal.FUTURE);
        assertThat(RoundWindow.refusal(10, OptionalLong.of(10), 0)).isEmpty();
        assertThat(RoundWindow.refusal(9, OptionalLong.of(10), 0)).contains(Refusal.LATE);
    }

    @Test
    void aRetryAfterTheWindowIsRefusedAsLateInsteadOfCountingAgain() {
        SeenJobs seen = new SeenJobs(2);
        seen.newRound(10);
        assertThat(seen.decide("o|a", 10)).isEqualTo(JobVerdict.COUNTED);
        assertThat(seen.decide("o|a", 10)).isEqualTo(JobVerdict.DUPLICATE);
        seen.newRound(11);
        seen.newRound(12);
        assertThat(seen.decide("o|a", 10)).as("still remembered at R=12").isEqualTo(JobVerdict.DUPLICATE);
        seen.newRound(13);
        assertThat(seen.size()).as("round 10 left the window: forgotten").isZero();
        assertThat(seen.decide("o|a", 10)).isEqualTo(new JobVerdict.Refused(Refusal.LATE, 13));
        assertThat(seen.decide("o|b", 15)).isEqualTo(new JobVerdict.Refused(Refusal.FUTURE, 13));
        assertThat(seen.decide("o|b", 14)).isEqualTo(JobVerdict.COUNTED);
    }

    @Test
    void beforeTheFirstNewRoundEveryRoundJobCountsAndIsKeptUntilItsRoundLeaves() {
        SeenJobs seen = new SeenJobs(1);
        assertThat(seen.decide("o|a", 3)).isEqualTo(JobVerdict.COUNTED);
        assertThat(seen.decide("o|b", 500)).isEqualTo(JobVerdict.COUNTED);
        seen.newRound(100);
        assertThat(seen.size()).isEqualTo(1);
        assertThat(seen.decide("o|b", 500)).as("remembered, and also future").isEqualTo(
                new JobVerdict.Refused(Refusal.FUTURE, 100));
    }

    @Test
    void anIdIsKeptUnderTheLatestRoundOfItsCopies() {
        SeenJobs seen = new SeenJobs(0);
        seen.newRound(10);
        assertThat(seen.decide("o|a", 10)).isEqualTo(JobVerdict.COUNTED);
        assertThat(seen.decide("o|a", 11)).as("another report under the same id").isEqualTo(JobVerdict.DUPLICATE);
        seen.newRound(11);
        assertThat(seen.decide("o|a", 11)).as("kept under round 11").isEqualTo(JobVerdict.DUPLICATE);
        seen.newRound(12);
        assertThat(seen.decide("o|a", 11)).isEqualTo(new JobVerdict.Refused(Refusal.LATE, 12));
        assertThat(seen.size()).isZero();
    }

    /**
     * Against a model that remembers every counted id for ever: over random histories in which retries repeat one
     * of the id's earlier reports (roundJob included; an id may have several reports, made while it is in the
     * window), the bounded state decides every job the same way.
     */
    @Property(tries = 300)
    void boundedStateDecidesAsUnboundedMemory(@ForAll long seed, @ForAll @IntRange(max = 4) int retain) {
        Random random = new Random(seed);
        SeenJobs bounded = new SeenJobs(retain);
        Set<String> everCounted = new HashSet<>();
        List<long[]> posted = new ArrayList<>(); // {id, roundJob}: every report made so far
        OptionalLong r = OptionalLong.empty();
        long round = 50 + random.nextInt(20);
        int nextId = 0;
        for (int step = 0; step < 400; step++) {
            if (random.nextInt(12) == 0) {
                round += 1 + (random.nextInt(4) == 0 ? 1 : 0);
                r = OptionalLong.of(round);
                bounded.newRound(round);
                continue;
            }
            List<long[]> now = new ArrayList<>();
            if (!posted.isEmpty() && random.nextInt(3) == 0) {
                now.add(posted.get(random.nextInt(posted.size()))); // a retry repeats one of the id's reports
            } else {
                long id = nextId++;
                long roundJob = Math.max(0, round + random.nextInt(7) - 4);
                now.add(new long[] {id, roundJob});
                if (random.nextInt(4) == 0 && RoundWindow.refusal(roundJob, r, retain).isEmpty()
                        && RoundWindow.refusal(roundJob + 1, r, retain).isEmpty()) {
                    // a second report under the id, made at once, both taken (README: a report never taken inside
                    // the window, e.g. refused as future, may count once its round comes if the id is forgotten)
                    now.add(new long[] {id, roundJob + 1});
                }
            }
            for (long[] job : now) {
                String key = "o|" + job[0];
                Optional<Refusal> refusal = RoundWindow.refusal(job[1], r, retain);
                JobVerdict expected = refusal.isPresent() ? new JobVerdict.Refused(refusal.get(), r.getAsLong())
                        : everCounted.add(key) ? JobVerdict.COUNTED : JobVerdict.DUPLICATE;
                assertThat(bounded.decide(key, job[1])).as("step %d: %s roundJob %d at R %s", step, key, job[1], r)
                        .isEqualTo(expected);
                posted.add(job);
            }
        }
    }
}
