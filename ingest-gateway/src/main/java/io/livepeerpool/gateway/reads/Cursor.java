package io.livepeerpool.gateway.reads;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where the next page starts, for {@code before}. Two forms: an ISO-8601 instant (rows strictly older than it),
 * or the opaque {@code nextBefore} value of the previous page (a base64url token naming the last row's time and
 * key, so rows sharing a timestamp are neither skipped nor repeated). The token's content is not an interface.
 *
 * @param at       rows older than this, or at this time with a greater tie-break key
 * @param tieBreak the last row's key, in the read's key order; null for a plain timestamp
 */
public record Cursor(Instant at, String tieBreak) {
    private static final int TEXT_MAX = 512;

    public boolean hasTieBreak() {
        return tieBreak != null;
    }

    /** The cursor in {@code text}, or {@link IllegalArgumentException} explaining the two accepted forms. */
    public static Cursor parse(String text) {
        if (text.length() > TEXT_MAX) {
            throw new IllegalArgumentException("is too long");
        }
        if (text.contains(":")) {
            try {
                return new Cursor(Instant.parse(text), null);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 instant (e.g. 2025-06-01T12:00:00Z) or a nextBefore token");
            }
        }
        try {
            JsonNode node = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
            if (node == null || !node.isArray() || node.size() != 2 || !node.get(0).isTextual() || !node.get(1).isTextual()) {
                throw new IllegalArgumentException("is not a nextBefore token");
            }
            return new Cursor(Instant.parse(node.get(0).textValue()), node.get(1).textValue());
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an ISO-8601 instant (e.g. 2025-06-01T12:00:00Z) or a nextBefore token");
        }
    }

    public String encode() {
        String json = Json.mapper().createArrayNode().add(at.toString()).add(tieBreak).toString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
