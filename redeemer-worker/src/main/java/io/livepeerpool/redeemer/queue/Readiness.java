package io.livepeerpool.redeemer.queue;

/** Where a ticket stands in time: too early (params in use), redeemable, or no longer accepted by the chain. */
public enum Readiness {
    /** Its params have not expired: revealing recipientRand now would let the sender cheat. */
    PARAMS_IN_USE,
    /** Params expired and {@code creationRound + ticketValidityPeriod > currentRound}. */
    REDEEMABLE,
    /** The chain refuses it now ("ticket is expired"). */
    EXPIRED
}
