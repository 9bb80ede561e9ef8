package io.livepeerpool.protocol.ticket;

import java.nio.ByteBuffer;
import org.web3j.crypto.Hash;

/**
 * The ticket hash the TicketBroker computes: keccak256 of the fields packed in struct order,
 * 20 + 20 + 32 + 32 + 32 + 32 + 64 = 232 bytes. It is what the chain marks as used, so it is our idempotency key.
 */
public final class TicketHash {
    public static final int PACKED_LENGTH = 232;

    private TicketHash() {
    }

    public static byte[] packed(Ticket t) {
        ByteBuffer buf = ByteBuffer.allocate(PACKED_LENGTH);
        buf.put(t.recipient().bytes());
        buf.put(t.sender().bytes());
        buf.put(Uint256.toBytes32(t.faceValue()));
        buf.put(Uint256.toBytes32(t.winProb()));
        buf.put(Uint256.toBytes32(t.senderNonce()));
        buf.put(t.recipientRandHash().bytes());
        buf.put(t.auxData());
        return buf.array();
    }

    public static Bytes32 of(Ticket t) {
        return new Bytes32(Hash.sha3(packed(t)));
    }
}
