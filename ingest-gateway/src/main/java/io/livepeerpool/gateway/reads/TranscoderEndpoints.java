package io.livepeerpool.gateway.reads;

import io.javalin.http.Context;
import io.livepeerpool.gateway.http.ApiError;
import io.livepeerpool.protocol.address.Address;
import java.sql.SQLException;

/**
 * The public reads of transcoder admission: one transcoder's status ({@code /getTranscoderStatus}) and every known
 * transcoder, paged in address order ({@code /getTranscoders?limit=&after=}; {@code after} is the previous page's
 * {@code nextAfter}, an address). Parameters are checked before the database is read.
 */
public final class TranscoderEndpoints {
    private final TranscoderReads reads;

    public TranscoderEndpoints(TranscoderReads reads) {
        this.reads = reads;
    }

    public void getTranscoderStatus(Context ctx) throws SQLException {
        ctx.json(reads.status(PageRequest.transcoder(ctx)));
    }

    public void getTranscoders(Context ctx) throws SQLException {
        String query = ctx.queryString();
        int limit = PageRequest.limit(QueryParameter.single(query, "limit").orElse(null));
        Address after = QueryParameter.single(query, "after").map(TranscoderEndpoints::address).orElse(null);
        ctx.json(reads.all(after, limit));
    }

    private static Address address(String text) {
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("after", e.getMessage() + " (the nextAfter of the previous page)");
        }
    }
}
