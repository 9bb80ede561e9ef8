package io.livepeerpool.gateway.reads;

import io.javalin.http.Context;
import io.livepeerpool.gateway.http.ApiError;
import io.livepeerpool.protocol.address.Address;

/**
 * {@code limit} (default 100, 1 to 1000) and the optional {@code before} cursor of a read, in that read's order. Each
 * parameter is read strictly ({@link QueryParameter}): given at most once, with a value.
 */
public record PageRequest(int limit, Cursor before) {
    public static final int LIMIT_DEFAULT = 100;
    public static final int LIMIT_MAX = 1000;

    /** The page parameters of a read that pages in {@code order}; 400 naming {@code limit} or {@code before}. */
    static PageRequest of(Context ctx, Keyset order) {
        String query = ctx.queryString();
        int limit = limit(QueryParameter.single(query, "limit").orElse(null));
        return new PageRequest(limit, before(QueryParameter.single(query, "before").orElse(null), order));
    }

    static int limit(String text) {
        if (text == null) {
            return LIMIT_DEFAULT;
        }
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > LIMIT_MAX) {
            throw ApiError.invalid("limit", "must be an integer from 1 to " + LIMIT_MAX);
        }
        return Integer.parseInt(text);
    }

    private static Cursor before(String text, Keyset order) {
        if (text == null) {
            return null;
        }
        try {
            return Cursor.parse(text, order);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("before", e.getMessage());
        }
    }

    /** The required {@code transcoderAddress} query parameter. */
    public static Address transcoder(Context ctx) {
        String text = QueryParameter.single(ctx.queryString(), "transcoderAddress").orElse(null);
        if (text == null) {
            throw ApiError.invalid("transcoderAddress", "is required");
        }
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("transcoderAddress", e.getMessage());
        }
    }
}
