package io.livepeerpool.chain.ticket;

import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketHash;
import io.livepeerpool.protocol.ticket.WinningCheck;
import java.math.BigInteger;
import java.util.Objects;

/** A ticket with the sender's 65-byte signature and the recipientRand that opens its recipientRandHash. */
public record SignedTicket(Ticket ticket, byte[] sig, BigInteger recipientRand) {

    public SignedTicket {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(recipientRand, "recipientRand");
        sig = sig.clone();
    }

    @Override
    public byte[] sig() {
        return sig.clone();
    }

    public Bytes32 hash() {
        return TicketHash.of(ticket);
    }

    /** Whether the ticket wins, by the TicketBroker's rule. */
    public boolean wins() {
        return WinningCheck.wins(sig, recipientRand, ticket.winProb());
    }
}
