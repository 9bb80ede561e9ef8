package io.livepeerpool.redeemer.grpc;

import com.google.protobuf.ByteString;
import io.livepeerpool.chain.ticket.SignedTicket;
import io.livepeerpool.redeemer.grpc.proto.Ticket;
import io.livepeerpool.redeemer.grpc.proto.TicketExpirationParams;
import io.livepeerpool.redeemer.grpc.proto.TicketParams;
import io.livepeerpool.redeemer.grpc.proto.TicketSenderParams;
import java.math.BigInteger;
import java.util.HexFormat;

/** Tickets in go-livepeer's wire form, as its orchestrator's redeemer client fills them (no seed, no params' expiration_params). */
final class ProtoTicketsFixture {
    /** go-livepeer's eth/helpers_test.go ticket (LIVEPEER.md), a recorded redeemWinningTicket call. */
    static final String VECTOR_RECIPIENT = "0xa5e37e0ba14655e92deff29f32adbc7d09b8a2cf";
    static final String VECTOR_SENDER = "0x3ee860a4aba830af84ebbce2b381fc11db8493e2";
    static final String VECTOR_HASH = "0xd5104bbecf755deaa03acf83486f2414d749f5e9d98b9feb9a0ad3791413f7e4";
    static final BigInteger VECTOR_FACE_VALUE = new BigInteger("10000000000000000");
    static final BigInteger VECTOR_WIN_PROB = new BigInteger("11579208923731619542357098500868790785326998466564056403945759000000000000");
    static final String VECTOR_RAND_HASH = "0x5309662eee5608da45aaefe60433adec052acab8683dd12d78aad8a0192b3bec";
    static final String VECTOR_BLOCK_HASH = "0xf3b1d2925fd1325a8a6ba8923fbe6de31dd93d9e85540eaf5a306f21177c3b8c";
    static final String VECTOR_SIG = "0x90cb8a9280386cc77e9f3473bb87530cf9a1dbe5625013a9ed16675ad7607c800bf4e32ee4cc6b9c785e1c786c9965831a8216c408b251f98d6c18bf1bf4d1621c";
    static final BigInteger VECTOR_RAND = new BigInteger("31838803992704255588716800748284438047369588248489535212488229909862636233406");
    static final long VECTOR_EXPIRATION_BLOCK = 5_000_123L;

    private ProtoTicketsFixture() {
    }

    static Ticket vector() {
        return Ticket.newBuilder()
                .setTicketParams(TicketParams.newBuilder()
                        .setRecipient(hex(VECTOR_RECIPIENT))
                        .setFaceValue(big(VECTOR_FACE_VALUE))
                        .setWinProb(big(VECTOR_WIN_PROB))
                        .setRecipientRandHash(hex(VECTOR_RAND_HASH))
                        .setExpirationBlock(big(BigInteger.valueOf(VECTOR_EXPIRATION_BLOCK))))
                .setSender(hex(VECTOR_SENDER))
                .setExpirationParams(TicketExpirationParams.newBuilder().setCreationRound(1619)
                        .setCreationRoundBlockHash(hex(VECTOR_BLOCK_HASH)))
                .setSenderParams(TicketSenderParams.newBuilder().setSenderNonce(14).setSig(hex(VECTOR_SIG)))
                .setRecipientRand(big(VECTOR_RAND))
                .build();
    }

    /** A ticket from the chain module's TicketMaker in wire form. */
    static Ticket of(SignedTicket t, long expirationBlock) {
        return Ticket.newBuilder()
                .setTicketParams(TicketParams.newBuilder()
                        .setRecipient(ByteString.copyFrom(t.ticket().recipient().bytes()))
                        .setFaceValue(big(t.ticket().faceValue()))
                        .setWinProb(big(t.ticket().winProb()))
                        .setRecipientRandHash(ByteString.copyFrom(t.ticket().recipientRandHash().bytes()))
                        .setExpirationBlock(big(BigInteger.valueOf(expirationBlock))))
                .setSender(ByteString.copyFrom(t.ticket().sender().bytes()))
                .setExpirationParams(TicketExpirationParams.newBuilder()
                        .setCreationRound(t.ticket().creationRound().longValueExact())
                        .setCreationRoundBlockHash(ByteString.copyFrom(t.ticket().creationRoundBlockHash().bytes())))
                .setSenderParams(TicketSenderParams.newBuilder().setSenderNonce(t.ticket().senderNonce().intValue())
                        .setSig(ByteString.copyFrom(t.sig())))
                .setRecipientRand(big(t.recipientRand()))
                .build();
    }

    /** go-livepeer's big.Int.Bytes(): big-endian, no leading zeros, empty for 0. */
    static ByteString big(BigInteger value) {
        return ByteString.copyFrom(BigEndian.minimal(value));
    }

    static ByteString hex(String text) {
        return ByteString.copyFrom(HexFormat.of().parseHex(text.substring(2)));
    }
}
