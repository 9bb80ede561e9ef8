package io.livepeerpool.gateway.http;

import io.javalin.http.Context;
import io.livepeerpool.gateway.auth.AuthResult;
import io.livepeerpool.gateway.auth.HmacVerifier;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of every write: JSON content type (415), body within 1 MiB (413), HMAC verified over the raw
 * bytes (401), and only then the body parsed ({@link JsonBody}: 400 when it is not one well-formed UTF-8 JSON object).
 */
public final class SignedRequests {
    private static final Logger log = LoggerFactory.getLogger(SignedRequests.class);

    private final HmacVerifier verifier;
    private final Clock clock;
    private final RefusalLog refusals;

    public SignedRequests(HmacVerifier verifier, Clock clock, RefusalLog refusals) {
        this.verifier = verifier;
        this.clock = clock;
        this.refusals = refusals;
    }

    public SignedRequest read(Context ctx) {
        RequestBody.requireJson(ctx);
        byte[] body = RequestBody.read(ctx);
        String path = ctx.req().getRequestURI();
        AuthResult result = verifier.verify(ctx.method().name(), path, ctx::header, body);
        if (result instanceof AuthResult.Rejected rejected) {
            if (refusals.lineFor(rejected.reason().tag())) {
                log.info("refused {} {} from {}: {} ({}), key id {}", ctx.method().name(), path, ctx.ip(),
                        rejected.reason().tag(), rejected.message(), printable(rejected.keyId()));
            }
            ErrorMapping.markLogged(ctx);
            throw ApiError.unauthenticated(rejected.reason().status(), rejected.reason().tag(), rejected.header(), rejected.message());
        }
        AuthResult.Accepted accepted = (AuthResult.Accepted) result;
        return new SignedRequest(accepted.key(), JsonBody.parse(body), RequestIds.of(ctx),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** A client-supplied value made safe for one log line: allowed characters only, bounded length. */
    static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String cleaned = value.replaceAll("[^A-Za-z0-9._:-]", "?");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) + "..." : cleaned;
    }
}
