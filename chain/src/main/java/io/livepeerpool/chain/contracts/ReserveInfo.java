package io.livepeerpool.chain.contracts;

import java.math.BigInteger;

/** {@code TicketBroker.getReserveInfo(address)}: what is left in a sender's reserve and what was claimed this round. */
public record ReserveInfo(BigInteger fundsRemaining, BigInteger claimedInCurrentRound) {
}
