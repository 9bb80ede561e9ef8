package io.livepeerpool.gateway.tickets;

import io.livepeerpool.gateway.http.SignedRequest;
import io.livepeerpool.gateway.kafka.AckedProducer;
import io.livepeerpool.gateway.kafka.RecordEncoder;
import io.livepeerpool.schemas.avro.WinningTicket;
import io.livepeerpool.schemas.tickets.WinningTicketRecords;
import java.math.BigDecimal;

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
        return WinningTicketRecords.ticketFields(t.ticket(), t.ticketHash().hex(), t.sig(), t.recipientRand(),
                        t.paramsExpirationBlock())
                .setRequestId(request.requestId())
                .setOrchestrator(request.key().orchestrator().hex())
                .setKeyId(request.key().keyId())
                .setReceivedAt(request.receivedAt())
                .setWonAt(t.wonAt())
                .setTxHash(t.txHash() == null ? null : t.txHash().hex())
                .setGasFees(t.gasFeesWei() == null ? null : new BigDecimal(t.gasFeesWei()))
                .build();
    }
}
