package io.livepeerpool.ledger.event;

/** A confirmed {@code RoundsManager.NewRound}: the barrier at which the pending epoch is settled. */
public record NewRound(long round) implements LedgerEvent {

    public NewRound {
        if (round < 0) {
            throw new IllegalArgumentException("round must be >= 0, got " + round);
        }
    }
}
