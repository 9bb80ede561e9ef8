package io.livepeerpool.gateway.tickets;

import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;

/**
 * A winning ticket that passed every check the TicketBroker would make without chain state: well-formed, signed by
 * its sender, recipientRand matching its commitment, winning, and addressed to one of the pool's orchestrators.
 * The optional fields are null when absent.
 */
public record ValidTicket(
        Ticket ticket,
        Bytes32 ticketHash,
        byte[] sig,
        BigInteger recipientRand,
        Long paramsExpirationBlock,
        Instant wonAt,
        Bytes32 txHash,
        BigInteger gasFeesWei) {

    public ValidTicket {
        sig = sig.clone();
    }

    @Override
    public byte[] sig() {
        return sig.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidTicket other && ticketHash.equals(other.ticketHash) && Arrays.equals(sig, other.sig)
                && recipientRand.equals(other.recipientRand);
    }

    @Override
    public int hashCode() {
        return ticketHash.hashCode();
    }
}
