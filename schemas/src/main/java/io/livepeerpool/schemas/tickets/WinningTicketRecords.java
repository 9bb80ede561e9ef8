package io.livepeerpool.schemas.tickets;

import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.schemas.avro.WinningTicket;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * The ticket part of a {@link WinningTicket} record, in one place: the gateway and the gRPC redeemer both write
 * {@code pool.winning-tickets}, and the redeemer redeems from these fields, so both writers must encode them alike.
 * Callers add who reported the ticket (request id, orchestrator, key id, received at) and their optional fields.
 */
public final class WinningTicketRecords {

    private WinningTicketRecords() {
    }

    public static WinningTicket.Builder ticketFields(Ticket ticket, String ticketHash, byte[] sig,
                                                     BigInteger recipientRand, Long paramsExpirationBlock) {
        return WinningTicket.newBuilder()
                .setTicketHash(ticketHash)
                .setRecipient(ticket.recipient().hex())
                .setSender(ticket.sender().hex())
                .setFaceValue(wei(ticket.faceValue()))
                .setWinProb(wei(ticket.winProb()))
                .setSenderNonce(wei(ticket.senderNonce()))
                .setRecipientRandHash(ticket.recipientRandHash().hex())
                .setCreationRound(ticket.creationRound().longValueExact())
                .setCreationRoundBlockHash(ticket.creationRoundBlockHash().hex())
                .setSig("0x" + HexFormat.of().formatHex(sig))
                .setRecipientRand(wei(recipientRand))
                .setParamsExpirationBlock(paramsExpirationBlock);
    }

    private static BigDecimal wei(BigInteger value) {
        return new BigDecimal(value);
    }
}
