package io.livepeerpool.ledger.settlement;

import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;

/**
 * The part of a redemption transaction's gas charged to one of its tickets. A batch redemption pays gas once for
 * all its tickets, so each ticket carries a share: ticket {@code i} of {@code n} (by log index) gets
 * {@code floor(gasCost*(i+1)/n) - floor(gasCost*i/n)}. The shares telescope, so they sum to the gas exactly, and
 * any two differ by at most one wei.
 */
public final class GasShare {
    /** More WinningTicketTransfer logs than one transaction can hold on any chain we know; bounds bad input. */
    public static final int TX_TICKETS_MAX = 100_000;

    private GasShare() {
    }

    public static BigInteger of(BigInteger gasCost, int txTickets, int txTicketIndex) {
        Uint256.check(gasCost, "gasCost");
        requirePosition(txTickets, txTicketIndex);
        BigInteger n = BigInteger.valueOf(txTickets);
        BigInteger upTo = gasCost.multiply(BigInteger.valueOf(txTicketIndex + 1L)).divide(n);
        BigInteger before = gasCost.multiply(BigInteger.valueOf(txTicketIndex)).divide(n);
        return upTo.subtract(before);
    }

    /** {@code 1 <= txTickets <= TX_TICKETS_MAX} and {@code 0 <= txTicketIndex < txTickets}. */
    public static void requirePosition(int txTickets, int txTicketIndex) {
        if (txTickets < 1 || txTickets > TX_TICKETS_MAX) {
            throw new IllegalArgumentException("txTickets must be between 1 and " + TX_TICKETS_MAX + ", got "
                    + txTickets);
        }
        if (txTicketIndex < 0 || txTicketIndex >= txTickets) {
            throw new IllegalArgumentException("txTicketIndex must be between 0 and txTickets - 1 (" + (txTickets - 1)
                    + "), got " + txTicketIndex);
        }
    }
}
