package io.livepeerpool.ledger.dedupe;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which reported rounds the ledger takes a job for. Let R be the round of the last NewRound the ledger accepted: a
 * job whose {@code roundJob} is below {@code R - retainRounds} is refused as late, one above {@code R + 1} as future;
 * before the first NewRound every roundJob is taken. A refused job never counts, however often it is posted.
 *
 * <p>This is what bounds the dedupe state exactly: a job that may still count has {@code roundJob >= R -
 * retainRounds}, so the ids first counted with a lower roundJob can be forgotten once R is current. A retry repeats
 * its report, roundJob included, so it is refused as late by then instead of counting again (see {@link SeenJobs}).
 */
public final class RoundWindow {

    /** Why a job is refused; {@link #text()} is how the replay and the refusals topic spell it. */
    public enum Refusal {
        LATE("late"), FUTURE("future");

        private final String text;

        Refusal(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        public static Refusal parse(String text) {
            for (Refusal r : values()) {
                if (r.text.equals(text)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("must be late or future, got " + text);
        }
    }

    private RoundWindow() {
    }

    /**
     * @param currentRound R, the round of the last accepted NewRound; empty before the first one
     * @return the refusal, or empty when the job is inside the window
     */
    public static Optional<Refusal> refusal(long roundJob, OptionalLong currentRound, int retainRounds) {
        if (currentRound.isEmpty()) {
            return Optional.empty();
        }
        long r = currentRound.getAsLong();
        if (roundJob < r - retainRounds) {
            return Optional.of(Refusal.LATE);
        }
        if (roundJob > r + 1) {
            return Optional.of(Refusal.FUTURE);
        }
        return Optional.empty();
    }

    /** The lowest roundJob that can still count once {@code currentRound} is R: dedupe state below it may go. */
    public static long lowestKept(long currentRound, int retainRounds) {
        return currentRound - retainRounds;
    }
}
