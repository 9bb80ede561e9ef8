package io.livepeerpool.schemas.rounds;

import io.livepeerpool.platform.config.ConfigKey;
import io.livepeerpool.protocol.rounds.RoundWindow;

/**
 * The round window's key, declared once for the two services that apply {@link RoundWindow}: the ledger (its
 * decision is the recorded one) and the gateway (which answers 400 early for a job the ledger would refuse). Both
 * read {@code ledger.dedupe.retainRounds}, so they draw the window with the same width.
 */
public final class RoundWindowKeys {
    public static final ConfigKey<Integer> RETAIN_ROUNDS = ConfigKey.integer("ledger.dedupe.retainRounds",
            RoundWindow.RETAIN_ROUNDS_DEFAULT, 0, RoundWindow.RETAIN_ROUNDS_MAX, "rounds before the current one a job "
                    + "may report (roundJob) and still count; older jobs are refused as late by the ledger, and "
                    + "answered 400 by the gateway when it knows the current round. Also the epochs transfer ids are "
                    + "remembered for dedupe");

    private RoundWindowKeys() {
    }
}
