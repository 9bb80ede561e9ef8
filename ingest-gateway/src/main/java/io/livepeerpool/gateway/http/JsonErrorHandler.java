package io.livepeerpool.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.livepeerpool.platform.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The HTTP server's own refusals, the ones made before a route runs (a request line, URI or header the parser
 * refuses: 400, 414, 431, 426...), answered as the same JSON {@link ErrorBody} as every other refusal instead of
 * Jetty's HTML page, counted under {@code gateway_rejected_total}. Set on the Jetty server, so it also answers any
 * error Jetty dispatches outside the routes.
 *
 * <p>Jetty gives a reason phrase; when it has none ("Bad Request": its parser failed on an exception) the cause,
 * seen by {@link #failureListener()} just before on the same thread, says which part: an arithmetic overflow is the
 * Content-Length, anything else the URI (a bad %-escape, an encoded NUL, invalid UTF-8, an ambiguous segment).
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final String JSON = "application/json";
    private static final int SHOWN_REASON_MAX = 100;

    private final HttpMetrics metrics;
    private final ThreadLocal<Throwable> parseFailure = new ThreadLocal<>();

    public JsonErrorHandler(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    /** Add to the connector: Jetty reports a parse failure to it right before asking for its answer. */
    public HttpChannel.Listener failureListener() {
        return new HttpChannel.Listener() {
            @Override
            public void onRequestFailure(Request request, Throwable failure) {
                if (failure instanceof BadMessageException) {
                    parseFailure.set(failure);
                }
            }
        };
    }

    /** What the parser refused, before any request object exists. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        Throwable failure = parseFailure.get();
        parseFailure.remove();
        ApiError error = refusal(status, reason, failure == null ? null : failure.getCause());
        metrics.rejected(error.reason());
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        if (status == 426) {
            fields.put(HttpHeader.UPGRADE, "HTTP/1.1"); // RFC 9110: a 426 names the protocol to use
        }
        return ByteBuffer.wrap(bytes(error));
    }

    /** An error Jetty dispatches with a request (e.g. a URI it could not map): the same JSON. */
    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        ApiError error = refusal(response.getStatus(), message == null ? null : message.toString(), null);
        metrics.rejected(error.reason());
        baseRequest.setHandled(true);
        response.setContentType(JSON);
        byte[] body = bytes(error);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The refusal for a status and Jetty's reason phrase: a code, a message in HTTP terms, the part at fault. */
    static ApiError refusal(int status, String reason, Throwable cause) {
        String said = printable(reason);
        String lower = said.toLowerCase(Locale.ROOT);
        return switch (status) {
            case 400 -> badRequest(said, lower, cause);
            case 413 -> ApiError.tooLarge(RequestBody.MAX_BYTES);
            case 414 -> error(414, "uri_too_long", "the request URI is longer than 8192 bytes", "uri");
            case 431 -> error(431, "headers_too_large", "the request headers are larger than 8192 bytes", "headers");
            case 426, 505 -> error(status, status == 426 ? "upgrade_required" : "http_version_not_supported",
                    "only HTTP/1.1 (or 1.0) is served on this port", "version");
            default -> status >= 500
                    ? error(status, "internal", "the server could not answer this request", null)
                    : error(status, "http_" + status, said.isEmpty() ? "the request was refused" : said, null);
        };
    }

    private static ApiError badRequest(String said, String lower, Throwable cause) {
        if (cause instanceof ArithmeticException) {
            return error(400, "invalid", "Content-Length must appear once, as a decimal number of bytes (too large)",
                    "Content-Length");
        }
        if (lower.contains("content-length")) {
            return error(400, "invalid", "Content-Length must appear once, as a decimal number of bytes ("
                    + said + ")", "Content-Length");
        }
        if (lower.contains("transfer-encoding") || lower.contains("chunk")) {
            return error(400, "invalid", "Transfer-Encoding is malformed (" + said + ")", "Transfer-Encoding");
        }
        if (lower.contains("authority") || lower.contains("host")) {
            return error(400, "invalid", "the host of the request (Host header or absolute URI) is missing, repeated or"
                    + " does not match (" + said + ")", "Host");
        }
        if (lower.contains("version")) {
            return error(400, "invalid", "the HTTP version is not one this server speaks (" + said + ")", "version");
        }
        if (lower.contains("header")) {
            return error(400, "invalid", "a request header is malformed (" + said + ")", "headers");
        }
        if (!said.isEmpty() && !said.equals("Bad Request")) {
            // e.g. "Illegal character SPACE": the parser does not say whether in the request line or a header
            return error(400, "invalid", "the request line or a header is malformed (" + said + ")", null);
        }
        return error(400, "invalid", "the request URI is malformed (bad %-escape, NUL, invalid UTF-8 or ambiguous"
                + " path segment)", "uri");
    }

    private static ApiError error(int status, String code, String message, String field) {
        return new ApiError(status, code, message, field, List.of());
    }

    /** Jetty's reason phrase, kept to printable ASCII and a bounded length: it may echo what the client sent. */
    private static String printable(String reason) {
        if (reason == null) {
            return "";
        }
        String cleaned = reason.replaceAll("[^\\x20-\\x7E]", "?").trim();
        return cleaned.length() <= SHOWN_REASON_MAX ? cleaned : cleaned.substring(0, SHOWN_REASON_MAX) + "...";
    }

    private static byte[] bytes(ApiError error) {
        try {
            return Json.mapper().writeValueAsBytes(ErrorBody.of(error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error body is always serialisable", e);
        }
    }
}
