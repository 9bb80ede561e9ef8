package io.livepeerpool.redeemer.queue;

import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A winning ticket waiting for redemption, with where it was read from (its source partition and offset, which the
 * redeemer may commit only once the ticket has its outcome).
 *
 * @param paramsExpirationBlock the block of the RoundsManager's clock after which its params expire; empty when the
 *                              orchestrator did not give one
 */
public record QueuedTicket(String ticketHash, SignedTicket ticket, OptionalLong paramsExpirationBlock,
                           SourcePosition position) {

    public QueuedTicket {
        Objects.requireNonNull(ticketHash, "ticketHash");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(paramsExpirationBlock, "paramsExpirationBlock");
        Objects.requireNonNull(position, "position");
    }

    public Address sender() {
        return ticket.ticket().sender();
    }

    public Address recipient() {
        return ticket.ticket().recipient();
    }

    public BigInteger faceValue() {
        return ticket.ticket().faceValue();
    }

    public BigInteger creationRound() {
        return ticket.ticket().creationRound();
    }
}
