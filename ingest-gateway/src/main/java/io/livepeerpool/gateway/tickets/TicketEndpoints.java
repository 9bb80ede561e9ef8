package io.livepeerpool.gateway.tickets;

import io.javalin.http.Context;
import io.livepeerpool.gateway.http.ApiError;
import io.livepeerpool.gateway.http.HttpMetrics;
import io.livepeerpool.gateway.http.SignedRequest;
import io.livepeerpool.gateway.http.SignedRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /recordWinningTicket}: 202 with the ticket hash once Kafka acknowledged. */
public final class TicketEndpoints {
    private static final Logger log = LoggerFactory.getLogger(TicketEndpoints.class);
    private final SignedRequests signed;
    private final TicketValidator validator;
    private final TicketPublisher publisher;
    private final HttpMetrics metrics;

    public TicketEndpoints(SignedRequests signed, TicketValidator validator, TicketPublisher publisher, HttpMetrics metrics) {
        this.signed = signed;
        this.validator = validator;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    public void recordWinningTicket(Context ctx) {
        SignedRequest request = signed.read(ctx);
        ValidTicket ticket = validator.validate(request.body()).orElseThrow(ApiError::invalid);
        publisher.publish(request, ticket);
        metrics.ticketAccepted();
        log.info("accepted winning ticket {} from {} (key {})", ticket.ticketHash().hex(), request.key().orchestrator(),
                request.key().keyId());
        ctx.status(202).json(new TicketAccepted("accepted", ticket.ticketHash().hex()));
    }

    /** {@code 202} body of {@code /recordWinningTicket}. */
    record TicketAccepted(String status, String ticketHash) {
    }
}
