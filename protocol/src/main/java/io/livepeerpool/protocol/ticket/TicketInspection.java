package io.livepeerpool.protocol.ticket;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * What the TicketBroker's stateless checks say about a ticket, each on its own, so that an operator sees every reason
 * at once: its hash, who signed it (empty when the signature is not one the chain accepts), whether that is the
 * sender, whether recipientRand opens recipientRandHash, and whether it wins. Chain state (used, expired, funded) is
 * not looked at.
 */
public record TicketInspection(Bytes32 ticketHash, Optional<Address> signer, boolean signerIsSender,
                               boolean recipientRandMatches, boolean wins) {

    public TicketInspection {
        Objects.requireNonNull(ticketHash, "ticketHash");
        Objects.requireNonNull(signer, "signer");
    }

    public static TicketInspection of(Ticket ticket, byte[] sig, BigInteger recipientRand) {
        Bytes32 hash = TicketHash.of(ticket);
        Optional<Address> signer = TicketSignature.recover(hash, sig);
        return new TicketInspection(hash, signer,
                signer.filter(ticket.sender()::equals).isPresent(),
                WinningCheck.recipientRandHash(recipientRand).equals(ticket.recipientRandHash()),
                WinningCheck.wins(sig, recipientRand, ticket.winProb()));
    }

    /** Signed by its sender, recipientRand matching, winning: what the chain checks before looking at its state. */
    public boolean isValidWinningTicket() {
        return signerIsSender && recipientRandMatches && wins;
    }
}
