package io.livepeerpool.gateway.http;

import io.javalin.http.Context;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * The id the gateway gives every request: returned as {@code X-Request-Id}, carried in the records a write produces,
 * and in the logging MDC ({@code requestId}) so every line logged while serving the request names it.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = "gateway.requestId";

    private RequestIds() {
    }

    /** Before every request: a fresh id, in the response header and the MDC. */
    public static void assign(Context ctx) {
        String id = UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /** This request's id (assigned now if the before-handler did not run). */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        if (id == null) {
            assign(ctx);
            id = ctx.attribute(ATTRIBUTE);
        }
        return id;
    }

    /** After the request: the Jetty thread serves other requests next. */
    public static void clear() {
        MDC.remove(MDC_KEY);
    }
}
