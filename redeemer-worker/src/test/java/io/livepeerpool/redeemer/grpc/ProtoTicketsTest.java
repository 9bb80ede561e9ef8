package io.livepeerpool.redeemer.grpc;

import static io.livepeerpool.redeemer.grpc.ProtoTicketsFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.WinningTicketRules;
import io.livepeerpool.protocol.ticket.WinningTicketRules.Part;
import io.livepeerpool.redeemer.grpc.proto.Ticket;
import java.math.BigInteger;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Wire form to the pool's ticket, on go-livepeer's own test vector. */
class ProtoTicketsTest {

    @Test
    void goLivepeersTestVectorHasItsHashSignerAndWins() {
        ReceivedTicket t = ProtoTickets.fromProto(vector());

        assertThat(t.hash().hex()).isEqualTo(VECTOR_HASH);
        assertThat(t.ticket().sender().hex()).isEqualTo(VECTOR_SENDER);
        assertThat(t.ticket().senderNonce()).isEqualTo(BigInteger.valueOf(14));
        assertThat(t.ticket().creationRound()).isEqualTo(BigInteger.valueOf(1619));
        assertThat(t.paramsExpirationBlock()).isEqualTo(VECTOR_EXPIRATION_BLOCK);
        assertThat(WinningTicketRules.check(t.ticket(), t.sig(), t.recipientRand(), Set.of(Address.parse(VECTOR_RECIPIENT))::contains))
                .isEmpty();
        assertThat(WinningTicketRules.check(t.ticket(), t.sig(), t.recipientRand(), a -> false))
                .extracting(WinningTicketRules.Violation::part).containsExactly(Part.RECIPIENT);
    }

    @Test
    void bigIntegersAreGoLivepeersMinimalBytes() {
        assertThat(BigEndian.minimal(BigInteger.ZERO)).isEmpty();
        assertThat(BigEndian.minimal(BigInteger.valueOf(255))).containsExactly((byte) 0xff);
        assertThat(BigEndian.minimal(BigInteger.valueOf(256))).containsExactly(1, 0);
        assertThat(BigEndian.unsigned(new byte[] {0, 0, 1}, 32, "f")).isEqualTo(BigInteger.ONE);
        assertThat(BigEndian.unsigned(new byte[0], 32, "f")).isZero();
    }

    @Test
    void aSenderNonceAbove2To31IsReadUnsigned() {
        Ticket t = vector().toBuilder().setSenderParams(vector().getSenderParams().toBuilder().setSenderNonce(-1)).build();

        assertThat(ProtoTickets.fromProto(t).ticket().senderNonce()).isEqualTo(BigInteger.valueOf(4_294_967_295L));
    }

    @Test
    void anEmptyExpirationBlockIsNotGiven() {
        Ticket t = vector().toBuilder().setTicketParams(vector().getTicketParams().toBuilder().setExpirationBlock(ByteString.EMPTY)).build();

        assertThat(ProtoTickets.fromProto(t).paramsExpirationBlock()).isNull();
    }

    @Test
    void everyMalformedFieldIsNamed() {
        assertField(t -> t.setSender(ByteString.copyFrom(new byte[19])), "sender");
        assertField(t -> t.clearTicketParams(), "ticket_params");
        assertField(t -> t.clearSenderParams(), "sender_params");
        assertField(t -> t.clearExpirationParams(), "expiration_params");
        assertField(t -> t.setTicketParams(t.getTicketParams().toBuilder().setRecipient(ByteString.EMPTY)), "ticket_params.recipient");
        assertField(t -> t.setTicketParams(t.getTicketParams().toBuilder().setFaceValue(ByteString.copyFrom(new byte[] {1}).concat(ByteString.copyFrom(new byte[32])))),
                "ticket_params.face_value");
        assertField(t -> t.setTicketParams(t.getTicketParams().toBuilder().setRecipientRandHash(ByteString.copyFrom(new byte[31]))),
                "ticket_params.recipient_rand_hash");
        assertField(t -> t.setTicketParams(t.getTicketParams().toBuilder().setExpirationBlock(ByteString.copyFrom(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0, 0}))),
                "ticket_params.expiration_block");
        assertField(t -> t.setSenderParams(t.getSenderParams().toBuilder().setSig(ByteString.copyFrom(new byte[64]))), "sender_params.sig");
        assertField(t -> t.setExpirationParams(t.getExpirationParams().toBuilder().setCreationRound(-1)), "expiration_params.creation_round");
        assertField(t -> t.setExpirationParams(t.getExpirationParams().toBuilder().setCreationRoundBlockHash(ByteString.EMPTY)),
                "expiration_params.creation_round_block_hash");
        assertField(t -> t.setRecipientRand(ByteString.copyFrom(new byte[] {1}).concat(ByteString.copyFrom(new byte[32]))), "recipient_rand");
    }

    private static void assertField(UnaryOperator<Ticket.Builder> change, String field) {
        Ticket bad = change.apply(vector().toBuilder()).build();
        assertThatThrownBy(() -> ProtoTickets.fromProto(bad)).isInstanceOfSatisfying(InvalidTicketField.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
