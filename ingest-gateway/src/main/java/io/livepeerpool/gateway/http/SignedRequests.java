package io.livepeerpool.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.javalin.http.Context;
import io.livepeerpool.gateway.auth.AuthResult;
import io.livepeerpool.gateway.auth.HmacVerifier;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front door of every write: JSON content type (415), body within 1 MiB (413), HMAC verified over the raw
 * bytes (401), and only then the body parsed (400 {@code body} when it is not one well-formed JSON object).
 */
public final class SignedRequests {
    private static final Logger log = LoggerFactory.getLogger(SignedRequests.class);
    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int SHOWN_PARSER_MESSAGE_MAX = 200;

    private final HmacVerifier verifier;
    private final Clock clock;

    public SignedRequests(HmacVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    public SignedRequest read(Context ctx) {
        RequestBody.requireJson(ctx);
        byte[] body = RequestBody.read(ctx);
        String path = ctx.req().getRequestURI();
        AuthResult result = verifier.verify(ctx.method().name(), path, ctx::header, body);
        if (result instanceof AuthResult.Rejected rejected) {
            log.info("refused {} {} from {}: {} ({}), key id {}", ctx.method().name(), path, ctx.ip(),
                    rejected.reason().tag(), rejected.message(), printable(rejected.keyId()));
            ErrorMapping.markLogged(ctx);
            throw ApiError.unauthenticated(rejected.reason().status(), rejected.reason().tag(), rejected.header(), rejected.message());
        }
        AuthResult.Accepted accepted = (AuthResult.Accepted) result;
        return new SignedRequest(accepted.key(), parse(body), RequestIds.of(ctx),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    static JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            if (detail.length() > SHOWN_PARSER_MESSAGE_MAX) {
                detail = detail.substring(0, SHOWN_PARSER_MESSAGE_MAX) + "...";
            }
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiError.invalid("body", "malformed JSON" + at + ": " + detail);
        } catch (IOException e) {
            throw ApiError.invalid("body", "malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.invalid("body", "must be a JSON object");
        }
        return root;
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
