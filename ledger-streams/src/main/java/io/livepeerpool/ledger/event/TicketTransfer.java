package io.livepeerpool.ledger.event;

import io.livepeerpool.ledger.settlement.GasShare;
import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;

/**
 * A {@code WinningTicketTransfer} log: what a redemption actually moved to the orchestrator (not the face value),
 * with the gas the whole redemption transaction cost.
 *
 * @param txTickets     how many WinningTicketTransfer logs the transaction holds (a batch redemption has several)
 * @param txTicketIndex this log's 0-based position among them by log index; with txTickets it decides the
 *                      {@link GasShare} of the gas charged to this ticket
 */
public record TicketTransfer(String txHash, long logIndex, String sender, String recipient, BigInteger amount,
                             BigInteger gasCost, int txTickets, int txTicketIndex) implements LedgerEvent {

    public TicketTransfer {
        Hex.requireHash(txHash, "txHash");
        Address.requireLowercase(sender, "sender");
        Address.requireLowercase(recipient, "recipient");
        Uint256.check(amount, "amount");
        Uint256.check(gasCost, "gasCost");
        if (logIndex < 0) {
            throw new IllegalArgumentException("logIndex must be >= 0, got " + logIndex);
        }
        GasShare.requirePosition(txTickets, txTicketIndex);
    }

    /** A transfer alone in its transaction (txTickets 1, txTicketIndex 0): the defaults of both fields. */
    public TicketTransfer(String txHash, long logIndex, String sender, String recipient, BigInteger amount,
                          BigInteger gasCost) {
        this(txHash, logIndex, sender, recipient, amount, gasCost, 1, 0);
    }

    /** The gas charged to this ticket: its share of the transaction's gas. */
    public BigInteger gasShare() {
        return GasShare.of(gasCost, txTickets, txTicketIndex);
    }

    /** A transfer counts once per (txHash, logIndex): the identity of a log on chain. */
    public String dedupeKey() {
        return txHash + "|" + logIndex;
    }
}
