package io.livepeerpool.ledger.event;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;

/**
 * A {@code WinningTicketTransfer} log: what a redemption actually moved to the orchestrator (not the face value),
 * with the gas the redemption cost.
 */
public record TicketTransfer(String txHash, long logIndex, String sender, String recipient, BigInteger amount,
                             BigInteger gasCost) implements LedgerEvent {

    public TicketTransfer {
        Hex.requireHash(txHash, "txHash");
        Address.requireLowercase(sender, "sender");
        Address.requireLowercase(recipient, "recipient");
        Uint256.check(amount, "amount");
        Uint256.check(gasCost, "gasCost");
        if (logIndex < 0) {
            throw new IllegalArgumentException("logIndex must be >= 0, got " + logIndex);
        }
    }

    /** A transfer counts once per (txHash, logIndex): the identity of a log on chain. */
    public String dedupeKey() {
        return txHash + "|" + logIndex;
    }
}
