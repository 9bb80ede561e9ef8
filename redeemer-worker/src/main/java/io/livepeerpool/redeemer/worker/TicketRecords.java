package io.livepeerpool.redeemer.worker;

import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketHash;
import io.livepeerpool.redeemer.queue.QueuedTicket;
import io.livepeerpool.redeemer.queue.SourcePosition;
import io.livepeerpool.schemas.avro.WinningTicket;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.OptionalLong;

/** A {@code WinningTicket} record as the queue's {@link QueuedTicket}; the hash is recomputed, never trusted. */
final class TicketRecords {
    private TicketRecords() {
    }

    static QueuedTicket toQueued(WinningTicket w, SourcePosition position) {
        Ticket ticket = new Ticket(Address.parse(w.getRecipient()), Address.parse(w.getSender()), wei(w.getFaceValue()),
                wei(w.getWinProb()), wei(w.getSenderNonce()), Bytes32.parse(w.getRecipientRandHash()),
                BigInteger.valueOf(w.getCreationRound()), Bytes32.parse(w.getCreationRoundBlockHash()));
        byte[] sig = HexFormat.of().parseHex(w.getSig().substring(2));
        SignedTicket signed = new SignedTicket(ticket, sig, wei(w.getRecipientRand()));
        String hash = TicketHash.of(ticket).hex();
        if (!hash.equalsIgnoreCase(w.getTicketHash())) {
            throw new IllegalArgumentException("ticketHash " + w.getTicketHash() + " is not the hash of the fields (" + hash + ")");
        }
        OptionalLong expiration = w.getParamsExpirationBlock() == null
                ? OptionalLong.empty() : OptionalLong.of(w.getParamsExpirationBlock());
        return new QueuedTicket(hash, signed, expiration, position);
    }

    private static BigInteger wei(BigDecimal d) {
        return d.toBigIntegerExact();
    }
}
