package io.livepeerpool.chain.contracts;

import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Outcome of one {@code redeemWinningTicket} transaction. {@code amount} is the WinningTicketTransfer amount, the
 * revenue: it can be below faceValue, and 0 (no transfer log) while the ticket is still consumed.
 */
public record Redemption(Bytes32 ticketHash, TxResult tx, BigInteger amount) {

    public boolean success() {
        return tx.success();
    }

    public Optional<String> revertReason() {
        return tx.revertReason();
    }
}
