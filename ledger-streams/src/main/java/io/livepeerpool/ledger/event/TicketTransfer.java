package io.livepeerpool.ledger.event;

import java.math.BigInteger;

/**
 * A {@code WinningTicketTransfer} log: what a redemption actually moved to the orchestrator (not the face value),
 * with the gas the redemption cost.
 */
public record TicketTransfer(String txHash, long logIndex, String sender, String recipient, BigInteger amount,
                             BigInteger gasCost) implements LedgerEvent {

    public TicketTransfer {
        Hex.requireHash(txHash, "txHash");
        Hex.requireAddress(sender, "sender");
        Hex.requireAddress(recipient, "recipient");
        Wei.require(amount, "amount");
        Wei.require(gasCost, "gasCost");
        if (logIndex < 0) {
            throw new IllegalArgumentException("logIndex must be >= 0, got " + logIndex);
        }
    }

    /** A transfer counts once per (txHash, logIndex): the identity of a log on chain. */
    public String dedupeKey() {
        return txHash + "|" + logIndex;
    }
}
