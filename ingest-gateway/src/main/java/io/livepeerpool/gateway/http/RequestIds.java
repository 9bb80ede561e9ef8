package io.livepeerpool.gateway.http;

import io.javalin.http.Context;
import java.security.SecureRandom;
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
    /**
     * A generator per thread: {@link UUID#randomUUID()} shares one SecureRandom whose lock was the most contended
     * monitor of the signed path under load (JFR, pool bench ingest). Still a random (version 4) UUID.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private RequestIds() {
    }

    /** Before every request: a fresh id, in the response header and the MDC. */
    public static void assign(Context ctx) {
        String id = randomUuid().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /** A version 4 (random) UUID as RFC 9562 lays it out, from this thread's generator. */
    static UUID randomUuid() {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[8 + i] & 0xff);
        }
        return new UUID(hi, lo);
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
