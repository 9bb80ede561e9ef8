package io.livepeerpool.protocol.ticket;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A TicketBroker ticket, the ABI tuple in struct order. auxData is always creationRound then creationRoundBlockHash.
 * All uint256 fields are checked to fit 256 bits so that packing can never silently truncate.
 */
public record Ticket(
        Address recipient,
        Address sender,
        BigInteger faceValue,
        BigInteger winProb,
        BigInteger senderNonce,
        Bytes32 recipientRandHash,
        BigInteger creationRound,
        Bytes32 creationRoundBlockHash) {

    public Ticket {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipientRandHash, "recipientRandHash");
        Objects.requireNonNull(creationRoundBlockHash, "creationRoundBlockHash");
        Uint256.check(faceValue, "faceValue");
        Uint256.check(winProb, "winProb");
        Uint256.check(senderNonce, "senderNonce");
        Uint256.check(creationRound, "creationRound");
    }

    /** The 64-byte auxData: creationRound (uint256) then creationRoundBlockHash (bytes32). */
    public byte[] auxData() {
        byte[] aux = new byte[64];
        System.arraycopy(Uint256.toBytes32(creationRound), 0, aux, 0, 32);
        System.arraycopy(creationRoundBlockHash.bytes(), 0, aux, 32, 32);
        return aux;
    }
}
