package io.livepeerpool.gateway.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
        String id = randomUuid().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    /**
     * A version 4 (random) UUID as RFC 9562 lays it out. From {@link ThreadLocalRandom}, not a SecureRandom: the id
     * is a correlation id, shown to the client and logged, never a secret or a credential, so it needs to be unique,
     * not unpredictable. {@link UUID#randomUUID()} shares one SecureRandom whose lock was the most contended monitor
     * of the signed path, and a SecureRandom per thread (NativePRNG) still took 4.5% of the request threads' samples
     * in its global reads of /dev/urandom (JFR, pool bench ingest). Each thread's generator is seeded apart, so two
     * threads do not repeat each other's ids.
     */
    static UUID randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
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
