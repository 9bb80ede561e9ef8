package io.livepeerpool.chain.contracts;

import java.math.BigInteger;

/**
 * {@code TicketBroker.getSenderInfo(address)}: the sender's deposit and withdrawRound (0 when no unlock is in
 * progress), its reserve's fundsRemaining and what was claimed from it in the current round.
 */
public record SenderInfo(BigInteger deposit, BigInteger withdrawRound, BigInteger fundsRemaining,
                         BigInteger claimedInCurrentRound) {

    public boolean unlockInProgress() {
        return withdrawRound.signum() > 0;
    }
}
