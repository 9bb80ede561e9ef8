package io.livepeerpool.ledger.streams.store;

/** Test access to {@link RoundDedupe}'s scan batch size. */
public final class RoundDedupeAccess {
    private RoundDedupeAccess() {
    }

    public static int purgeBatchMax() {
        return RoundDedupe.PURGE_BATCH_MAX;
    }
}
