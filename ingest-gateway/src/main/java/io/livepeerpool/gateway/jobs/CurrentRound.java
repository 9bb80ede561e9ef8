package io.livepeerpool.gateway.jobs;

import io.livepeerpool.chainwatcher.status.ChainStatus;
import io.livepeerpool.chainwatcher.status.ChainStatusSnapshot;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * R for the gateway's round check: the chain's last initialized round (initializeRound emits the NewRound the ledger
 * counts rounds by), or empty when it is not known. Read per request, so it never waits: it takes the chain status's
 * cached snapshot (an atomic read and a clock read), and only a fresh one; no chain configured, not read yet, an
 * unreachable node or a snapshot gone stale all give empty, and the job is then accepted (the ledger still decides).
 */
@FunctionalInterface
public interface CurrentRound {

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
        return () -> status.currentIfFresh().map(ChainStatusSnapshot::lastInitializedRound)
                .map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }
}
