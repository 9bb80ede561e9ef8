package io.livepeerpool.redeemer.grpc;

import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketHash;
import java.math.BigInteger;

/**
 * A ticket as an orchestrator queued it, in the pool's terms: the TicketBroker ticket, the sender's signature, the
 * revealed recipientRand and the block after which its params expire (null when the orchestrator sent none).
 */
record ReceivedTicket(Ticket ticket, byte[] sig, BigInteger recipientRand, Long paramsExpirationBlock) {

    ReceivedTicket {
        sig = sig.clone();
    }

    @Override
    public byte[] sig() {
        return sig.clone();
    }

    Bytes32 hash() {
        return TicketHash.of(ticket);
    }
}
