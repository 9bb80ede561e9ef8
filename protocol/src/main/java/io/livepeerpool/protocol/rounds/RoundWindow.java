package io.livepeerpool.protocol.rounds;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which reported rounds the ledger takes a job for. Let R be the round of the last NewRound the ledger accepted: a
 * job whose {@code roundJob} is below {@code R - retainRounds} is refused as late, one above {@code R + 1} as future;
 * before the first NewRound every roundJob is taken. A refused job never counts, however often it is posted.
 *
 * <p>This is what bounds the ledger's dedupe state exactly: a job that may still count has {@code roundJob >= R -
 * retainRounds}, so the ids first counted with a lower roundJob can be forgotten once R is current. A retry repeats
 * its report, roundJob included, so it is refused as late by then instead of counting again (see the ledger's
 * {@code SeenJobs}).
 *
 * <p>The ledger decides with it (its decision is the recorded one); the gateway calls the same rule with the round it
 * reads from the chain to answer 400 early for a job the ledger would refuse. Both read {@code retainRounds} from the
 * one key {@code ledger.dedupe.retainRounds} (declared in schemas' {@code RoundWindowKeys}).
 */
public final class RoundWindow {
    /** Rounds before R a job may report and still count, unless configured otherwise. */
    public static final int RETAIN_ROUNDS_DEFAULT = 2;
    /** The largest {@code retainRounds} accepted: it bounds the dedupe state the ledger keeps. */
    public static final int RETAIN_ROUNDS_MAX = 1_000;

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
