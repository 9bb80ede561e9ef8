package io.livepeerpool.chain.contracts;

import java.math.BigInteger;

/**
 * The TicketBroker's validity rule: a ticket created in {@code creationRound} is redeemable while
 * {@code creationRound + ticketValidityPeriod > currentRound}, else it reverts "ticket is expired".
 *
 * @param period the broker's {@code ticketValidityPeriod} in rounds (2 on Arbitrum One)
 */
public record TicketValidity(BigInteger period) {

    public TicketValidity {
        if (period.signum() <= 0) {
            throw new IllegalArgumentException("ticketValidityPeriod must be positive, was " + period);
        }
    }

    /** True while the broker still accepts a ticket of {@code creationRound} in {@code currentRound}. */
    public boolean isValid(BigInteger creationRound, BigInteger currentRound) {
        return creationRound.add(period).compareTo(currentRound) > 0;
    }

    /** The last round in which a ticket of {@code creationRound} can be redeemed. */
    public BigInteger lastValidRound(BigInteger creationRound) {
        return creationRound.add(period).subtract(BigInteger.ONE);
    }
}
