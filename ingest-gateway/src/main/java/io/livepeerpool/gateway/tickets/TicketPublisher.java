package io.livepeerpool.gateway.tickets;

import io.livepeerpool.gateway.http.SignedRequest;
import io.livepeerpool.gateway.kafka.AckedProducer;
import io.livepeerpool.gateway.kafka.RecordEncoder;
import io.livepeerpool.schemas.avro.WinningTicket;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;

/** Writes accepted winning tickets to the winning-tickets topic, keyed by the lowercase sender address. */
public final class TicketPublisher {
    private final AckedProducer producer;
    private final RecordEncoder<WinningTicket> encoder;

    public TicketPublisher(AckedProducer producer, RecordEncoder<WinningTicket> encoder) {
        this.producer = producer;
        this.encoder = encoder;
    }

    public void publish(SignedRequest request, ValidTicket ticket) {
        producer.send(encoder.record(ticket.ticket().sender().hex(), toAvro(request, ticket)));
    }

    static WinningTicket toAvro(SignedRequest request, ValidTicket t) {
        return WinningTicket.newBuilder()
                .setRequestId(request.requestId())
                .setOrchestrator(request.key().orchestrator().hex())
                .setKeyId(request.key().keyId())
                .setReceivedAt(request.receivedAt())
                .setTicketHash(t.ticketHash().hex())
                .setRecipient(t.ticket().recipient().hex())
                .setSender(t.ticket().sender().hex())
                .setFaceValue(wei(t.ticket().faceValue()))
                .setWinProb(wei(t.ticket().winProb()))
                .setSenderNonce(wei(t.ticket().senderNonce()))
                .setRecipientRandHash(t.ticket().recipientRandHash().hex())
                .setCreationRound(t.ticket().creationRound().longValueExact())
                .setCreationRoundBlockHash(t.ticket().creationRoundBlockHash().hex())
                .setSig("0x" + HexFormat.of().formatHex(t.sig()))
                .setRecipientRand(wei(t.recipientRand()))
                .setParamsExpirationBlock(t.paramsExpirationBlock())
                .setWonAt(t.wonAt())
                .setTxHash(t.txHash() == null ? null : t.txHash().hex())
                .setGasFees(t.gasFeesWei() == null ? null : wei(t.gasFeesWei()))
                .build();
    }

    private static BigDecimal wei(BigInteger value) {
        return new BigDecimal(value);
    }
}
