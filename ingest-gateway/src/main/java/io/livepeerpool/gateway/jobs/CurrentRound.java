package io.livepeerpool.gateway.jobs;

import io.livepeerpool.chainwatcher.status.ChainStatus;
import io.livepeerpool.chainwatcher.status.ChainStatusSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * R for the gateway's round check: the chain's last initialized round (initializeRound emits the NewRound the ledger
 * counts rounds by), or empty when it is not known. Read per request, so it never waits: it takes the chain status's
 * cached snapshot (an atomic read and a clock read), and only one read within {@link #MAX_AGE}; no chain configured,
 * not read yet, an unreachable node or a snapshot gone stale all give empty, and the job is then accepted (the
 * ledger still decides).
 *
 * <p>Why a minute is fresh enough: a Livepeer round lasts thousands of blocks, and a job reports the round it was done
 * in, so an R one round behind still takes it (the window reaches R + 1). Only an R two rounds off would refuse a
 * good job. While jobs come, each read past the cache TTL (about a second) refreshes the snapshot in the background;
 * after a quiet spell of more than a minute, the first job is taken unchecked and starts the refresh.
 */
@FunctionalInterface
public interface CurrentRound {
    /** The oldest chain status snapshot the round is taken from. */
    Duration MAX_AGE = Duration.ofMinutes(1);

    OptionalLong get();

    /** No chain configured: every job is accepted as far as rounds go. */
    static CurrentRound unknown() {
        return OptionalLong::empty;
    }

    static CurrentRound of(Optional<ChainStatus> chain) {
        return chain.<CurrentRound>map(CurrentRound::fromChain).orElseGet(CurrentRound::unknown);
    }

    static CurrentRound fromChain(ChainStatus status) {
        Objects.requireNonNull(status, "status");
        return () -> status.currentIfReadWithin(MAX_AGE).map(ChainStatusSnapshot::lastInitializedRound)
                .map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }
}
