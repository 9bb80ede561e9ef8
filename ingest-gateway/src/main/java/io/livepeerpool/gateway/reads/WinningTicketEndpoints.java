package io.livepeerpool.gateway.reads;

import io.javalin.http.Context;
import io.livepeerpool.gateway.http.ApiError;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public reads of winning tickets and their payment outcome: a page of the last 30 days
 * ({@code {"tickets": [...], "nextBefore"}}, parameters as the other lists), or one ticket by {@code ticketHash}
 * (400 naming it when it is not 0x + 64 hex, 404 when no such ticket was projected).
 */
public final class WinningTicketEndpoints {
    static final String TICKET_HASH = "ticketHash";

    private final WinningTicketReads reads;

    public WinningTicketEndpoints(WinningTicketReads reads) {
        this.reads = reads;
    }

    public void getWinningTickets(Context ctx) throws SQLException {
        Page<WinningTicketView> page = reads.recent(PageRequest.of(ctx, WinningTicketReads.ORDER));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tickets", page.items());
        body.put("nextBefore", page.nextBefore());
        ctx.json(body);
    }

    public void getWinningTicket(Context ctx) throws SQLException {
        Bytes32 ticketHash = ticketHash(ctx.queryParam(TICKET_HASH));
        ctx.json(reads.one(ticketHash).orElseThrow(() -> new ApiError(404, "not_found",
                "no winning ticket " + ticketHash.hex(), TICKET_HASH, List.of())));
    }

    private static Bytes32 ticketHash(String text) {
        if (text == null || text.isEmpty()) {
            throw ApiError.invalid(TICKET_HASH, "is required");
        }
        try {
            return Bytes32.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(TICKET_HASH, e.getMessage());
        }
    }
}
