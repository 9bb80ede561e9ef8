package io.livepeerpool.ledger.maxfloat;

import java.util.OptionalLong;

/**
 * The chain's own view of a sender, for one seen for the first time: {@code getSenderInfo(sender)},
 * {@code claimedReserve(sender, recipient)}, the transcoder pool size and the last initialized round, all read at
 * the end of one block. Implementations call the chain; the domain and the topology only see this interface.
 */
public interface SenderViews {

    /**
     * @param sender lowercase 0x address
     * @param block  the block whose end state to read, or empty for the latest block
     * @return the sender's funds with nothing pending
     */
    SenderFunds read(String sender, OptionalLong block);
}
