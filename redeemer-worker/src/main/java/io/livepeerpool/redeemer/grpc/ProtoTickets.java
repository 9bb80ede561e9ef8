package io.livepeerpool.redeemer.grpc;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Ticket;
import io.livepeerpool.protocol.ticket.TicketSignature;
import io.livepeerpool.redeemer.grpc.proto.TicketExpirationParams;
import io.livepeerpool.redeemer.grpc.proto.TicketParams;
import io.livepeerpool.redeemer.grpc.proto.TicketSenderParams;
import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * go-livepeer's gRPC {@code net.Ticket} to the pool's ticket: addresses are 20 bytes, hashes 32, the signature 65,
 * big integers unsigned big-endian of at most 32 bytes, auxData = creation_round ++ creation_round_block_hash.
 * Every shape problem is an {@link InvalidTicketField} naming the proto field.
 */
final class ProtoTickets {
    private static final int ADDRESS_BYTES = 20;
    private static final int WORD_BYTES = 32;
    /** A block number fits a signed 64-bit integer (the Avro field is a long). */
    private static final int BLOCK_BYTES_MAX = 7;

    private ProtoTickets() {
    }

    static ReceivedTicket fromProto(io.livepeerpool.redeemer.grpc.proto.Ticket proto) {
        if (!proto.hasTicketParams()) {
            throw new InvalidTicketField("ticket_params", "is required");
        }
        if (!proto.hasSenderParams()) {
            throw new InvalidTicketField("sender_params", "is required");
        }
        if (!proto.hasExpirationParams()) {
            throw new InvalidTicketField("expiration_params", "is required");
        }
        TicketParams params = proto.getTicketParams();
        TicketSenderParams senderParams = proto.getSenderParams();
        TicketExpirationParams expiration = proto.getExpirationParams();
        if (expiration.getCreationRound() < 0) {
            throw new InvalidTicketField("expiration_params.creation_round", "must not be negative");
        }
        Ticket ticket = new Ticket(
                address(params.getRecipient(), "ticket_params.recipient"),
                address(proto.getSender(), "sender"),
                BigEndian.unsigned(params.getFaceValue().toByteArray(), WORD_BYTES, "ticket_params.face_value"),
                BigEndian.unsigned(params.getWinProb().toByteArray(), WORD_BYTES, "ticket_params.win_prob"),
                BigInteger.valueOf(Integer.toUnsignedLong(senderParams.getSenderNonce())),
                word(params.getRecipientRandHash(), "ticket_params.recipient_rand_hash"),
                BigInteger.valueOf(expiration.getCreationRound()),
                word(expiration.getCreationRoundBlockHash(), "expiration_params.creation_round_block_hash"));
        byte[] sig = senderParams.getSig().toByteArray();
        if (sig.length != TicketSignature.LENGTH) {
            throw new InvalidTicketField("sender_params.sig", "must be " + TicketSignature.LENGTH + " bytes, got " + sig.length);
        }
        BigInteger recipientRand = BigEndian.unsigned(proto.getRecipientRand().toByteArray(), WORD_BYTES, "recipient_rand");
        return new ReceivedTicket(ticket, sig, recipientRand, expirationBlock(params.getExpirationBlock()));
    }

    private static Address address(ByteString bytes, String field) {
        if (bytes.size() != ADDRESS_BYTES) {
            throw new InvalidTicketField(field, "must be a 20-byte address, got " + bytes.size() + " bytes");
        }
        return new Address("0x" + HexFormat.of().formatHex(bytes.toByteArray()));
    }

    private static Bytes32 word(ByteString bytes, String field) {
        if (bytes.size() != WORD_BYTES) {
            throw new InvalidTicketField(field, "must be 32 bytes, got " + bytes.size());
        }
        return new Bytes32(bytes.toByteArray());
    }

    /** go-livepeer always sends it; empty (0 or absent) is kept as "not given", so the redeemer's delay rule applies. */
    private static Long expirationBlock(ByteString bytes) {
        if (bytes.isEmpty()) {
            return null;
        }
        BigInteger block = BigEndian.unsigned(bytes.toByteArray(), BLOCK_BYTES_MAX + 1, "ticket_params.expiration_block");
        if (block.bitLength() > 63) {
            throw new InvalidTicketField("ticket_params.expiration_block", "is beyond any block number");
        }
        return block.signum() == 0 ? null : block.longValueExact();
    }
}
