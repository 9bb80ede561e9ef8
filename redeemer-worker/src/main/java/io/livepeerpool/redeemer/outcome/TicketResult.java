package io.livepeerpool.redeemer.outcome;

import java.math.BigInteger;

/** What one mined transaction did to one of its tickets. */
public sealed interface TicketResult {

    /** The transaction redeemed it; {@code amount} is its WinningTicketTransfer (0 when there was none). */
    record Redeemed(BigInteger amount) implements TicketResult {
    }

    /** A batch skipped it (it failed inside): the ticket is not consumed by this transaction. */
    record Skipped() implements TicketResult {
    }

    /** The whole transaction reverted (status 0). */
    record Reverted() implements TicketResult {
    }
}
