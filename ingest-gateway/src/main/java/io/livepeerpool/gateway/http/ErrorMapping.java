package io.livepeerpool.gateway.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import io.livepeerpool.gateway.kafka.PublishFailed;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure answered as {@link ErrorBody} JSON. Expected refusals (4xx, and 503 when Kafka or the database is
 * unavailable) are counted by reason; a refused write and a 503 are logged, one line without stack trace, within
 * the {@link RefusalLog}'s budget (beyond it, a summary line per interval). Anything else is a bug: 500 with a generic
 * message, always logged with its stack trace.
 */
public final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
    /** Request attribute: this request's error body is written (error handlers run after exception handlers). */
    private static final String ANSWERED = "gateway.error.answered";
    /** Request attribute: this refusal already has its log line (the authentication check writes a richer one). */
    private static final String LOGGED = "gateway.error.logged";
    /** PostgreSQL's query_canceled: here, the statement_timeout of the public reads (gateway.db.statementTimeoutMs). */
    private static final String QUERY_CANCELED = "57014";

    private ErrorMapping() {
    }

    /** @param endpoints every endpoint the app serves, for the {@code Allow} header of a 405 */
    public static void install(Javalin app, HttpMetrics metrics, RefusalLog refusals, List<Endpoint> endpoints) {
        Map<String, String> allowed = allowedMethods(endpoints);
        app.exception(ApiError.class, (e, ctx) -> answer(ctx, e, metrics, refusals));
        app.exception(PublishFailed.class, (e, ctx) -> {
            if (refusals.lineFor("kafka_unavailable")) {
                log.warn("{} {}: 503, {}", ctx.method().name(), ctx.path(), e.getMessage());
            }
            answer(ctx, new ApiError(503, "unavailable", "Kafka did not acknowledge the write in time; nothing was"
                    + " accepted, retry later", null, List.of()), metrics, refusals, "kafka_unavailable");
        });
        app.exception(SQLException.class, (e, ctx) -> {
            boolean timedOut = QUERY_CANCELED.equals(e.getSQLState());
            String reason = timedOut ? "database_timeout" : "database_unavailable";
            if (refusals.lineFor(reason)) {
                log.warn("{} {}: 503, database: {}", ctx.method().name(), ctx.path(), e.getMessage());
            }
            answer(ctx, ApiError.unavailable(timedOut ? "the read took too long and was cancelled; retry later"
                    : "the read-model database is unavailable; retry later"), metrics, refusals, reason);
        });
        app.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, fromJavalin(e, ctx, allowed), metrics, refusals));
        app.exception(Exception.class, (e, ctx) -> {
            // a bug: always its own line with the stack trace, never folded into a count
            log.error("unexpected failure on {} {}", ctx.method().name(), ctx.path(), e);
            answer(ctx, new ApiError(500, "internal", "internal error", null, List.of()), metrics, refusals, "internal");
        });
        app.error(404, ctx -> answerUnlessJson(ctx, ApiError.notFound(ctx.path()), metrics, refusals));
        app.error(405, ctx -> answerUnlessJson(ctx, methodNotAllowed(ctx, allowed), metrics, refusals));
    }

    /** Path to "GET, HEAD" or "POST": every GET route also answers HEAD. */
    private static Map<String, String> allowedMethods(List<Endpoint> endpoints) {
        Map<String, Set<String>> methods = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            Set<String> of = methods.computeIfAbsent(endpoint.getPath(), path -> new LinkedHashSet<>());
            of.add(endpoint.getMethod().name());
            if (endpoint.getMethod() == HandlerType.GET) {
                of.add("HEAD");
            }
        }
        Map<String, String> allowed = new LinkedHashMap<>();
        methods.forEach((path, of) -> allowed.put(path, String.join(", ", of)));
        return Map.copyOf(allowed);
    }

    /**
     * 405 naming the method the client sent (Javalin calls an unknown one "INVALID"), with the {@code Allow}
     * header RFC 9110 asks for.
     */
    private static ApiError methodNotAllowed(Context ctx, Map<String, String> allowed) {
        String sent = SignedRequests.printable(ctx.req().getMethod());
        String allow = allowed.getOrDefault(ctx.path(), "");
        if (!allow.isEmpty()) {
            ctx.header("Allow", allow);
        }
        return ApiError.methodNotAllowed(sent, ctx.path(), allow);
    }

    private static ApiError fromJavalin(HttpResponseException e, Context ctx, Map<String, String> allowed) {
        return switch (e.getStatus()) {
            case 404 -> ApiError.notFound(ctx.path());
            case 405 -> methodNotAllowed(ctx, allowed);
            case 413 -> ApiError.tooLarge(RequestBody.MAX_BYTES);
            default -> new ApiError(e.getStatus(), "http_" + e.getStatus(), e.getMessage(), null, List.of());
        };
    }

    private static void answerUnlessJson(Context ctx, ApiError error, HttpMetrics metrics, RefusalLog refusals) {
        if (ctx.attribute(ANSWERED) == null) {
            answer(ctx, error, metrics, refusals);
        }
    }

    private static void answer(Context ctx, ApiError error, HttpMetrics metrics, RefusalLog refusals) {
        answer(ctx, error, metrics, refusals, error.reason());
    }

    /** Marks this request's refusal as logged already, so {@link #install}'s handlers do not log it again. */
    public static void markLogged(Context ctx) {
        ctx.attribute(LOGGED, Boolean.TRUE);
    }

    private static void answer(Context ctx, ApiError error, HttpMetrics metrics, RefusalLog refusals, String reason) {
        if (ctx.method() == HandlerType.POST && error.status() < 500 && ctx.attribute(LOGGED) == null
                && refusals.lineFor(reason)) {
            // a refused write is a significant event: one line, with the request id from the MDC
            log.info("refused {} {}: {} {} ({})", ctx.method().name(), ctx.path().replaceAll("[^\\x21-\\x7e]", "?"),
                    error.status(), reason, error.getMessage());
        }
        metrics.rejected(reason);
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(error.status()).json(ErrorBody.of(error));
    }
}
