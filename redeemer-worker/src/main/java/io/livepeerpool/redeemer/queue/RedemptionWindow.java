package io.livepeerpool.redeemer.queue;

import java.math.BigInteger;

/**
 * When a ticket may be redeemed: once its params have expired ({@code paramsExpirationBlock <= clock block}, or,
 * without one, {@code paramsDelayBlocks} after its creation round started) and while
 * {@code creationRound + ticketValidityPeriod > currentRound}.
 */
public record RedemptionWindow(BigInteger ticketValidityPeriod, long paramsDelayBlocks) {

    public RedemptionWindow {
        if (ticketValidityPeriod.signum() <= 0) {
            throw new IllegalArgumentException("ticketValidityPeriod must be positive");
        }
        if (paramsDelayBlocks < 0) {
            throw new IllegalArgumentException("paramsDelayBlocks must not be negative");
        }
    }

    public Readiness readiness(QueuedTicket ticket, ChainTime now) {
        if (isExpired(ticket.creationRound(), now)) {
            return Readiness.EXPIRED;
        }
        long paramsExpire = ticket.paramsExpirationBlock().isPresent()
                ? ticket.paramsExpirationBlock().getAsLong()
                : now.roundStartBlock(ticket.creationRound()) + paramsDelayBlocks;
        return paramsExpire <= now.clockBlock() ? Readiness.REDEEMABLE : Readiness.PARAMS_IN_USE;
    }

    public boolean isExpired(BigInteger creationRound, ChainTime now) {
        return creationRound.add(ticketValidityPeriod).compareTo(now.currentRound()) <= 0;
    }
}
