package io.livepeerpool.gateway.http;

import io.livepeerpool.gateway.validation.Problem;
import java.util.List;

/**
 * An expected refusal, answered as JSON {@code {"error", "message", "field"[, "problems"]}} with its status. It is a
 * value, not a fault: no stack trace is captured and none is logged.
 */
public final class ApiError extends RuntimeException {
    /** At most this many problems are listed in one answer. */
    static final int PROBLEMS_SHOWN_MAX = 100;

    private final int status;
    private final String code;
    private final String field;
    private final List<Problem> problems;
    private final String reason;

    public ApiError(int status, String code, String message, String field, List<Problem> problems) {
        this(status, code, message, field, problems, code);
    }

    private ApiError(int status, String code, String message, String field, List<Problem> problems, String reason) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.reason = reason;
        this.problems = problems.size() > PROBLEMS_SHOWN_MAX ? List.copyOf(problems.subList(0, PROBLEMS_SHOWN_MAX)) : List.copyOf(problems);
    }

    /** 400 naming the first problem's field, all problems listed. */
    public static ApiError invalid(List<Problem> problems) {
        Problem first = problems.get(0);
        String message = first.field() == null ? first.message() : first.field() + ": " + first.message();
        if (problems.size() > 1) {
            message += " (and " + (problems.size() - 1) + " more problem" + (problems.size() > 2 ? "s" : "") + ")";
        }
        return new ApiError(400, "invalid", message, first.field(), problems);
    }

    public static ApiError invalid(String field, String message) {
        return invalid(List.of(new Problem(field, message)));
    }

    /** 401 (or 503 when the nonce store is full), counted under the specific {@code reason}. */
    public static ApiError unauthenticated(int status, String reason, String header, String message) {
        String code = status == 401 ? "unauthenticated" : "unavailable";
        return new ApiError(status, code, message, header, List.of(), reason);
    }

    public static ApiError tooLarge(long maxBytes) {
        return new ApiError(413, "payload_too_large", "request body is larger than " + maxBytes + " bytes", "body", List.of());
    }

    public static ApiError unsupportedMediaType(String message) {
        return new ApiError(415, "unsupported_media_type", message, "Content-Type", List.of());
    }

    public static ApiError notFound(String path) {
        return new ApiError(404, "not_found", "no endpoint at " + path, null, List.of());
    }

    /** 405 naming the method (as the client sent it) in {@code field} "method" and the ones the path takes. */
    public static ApiError methodNotAllowed(String method, String path, String allowed) {
        return new ApiError(405, "method_not_allowed", method + " is not allowed on " + path
                + (allowed.isEmpty() ? "" : "; allowed: " + allowed), "method", List.of());
    }

    public static ApiError unavailable(String message) {
        return new ApiError(503, "unavailable", message, null, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The label of the rejection metric: the code, or the specific authentication failure. */
    public String reason() {
        return reason;
    }
}
