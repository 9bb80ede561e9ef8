package io.livepeerpool.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A write's body as exactly one JSON object, or a 400 told in the client's terms: what is wrong, where (line and
 * column, and the field when the parser knows it), never the JSON library's class or setting names.
 *
 * <p>JSON here is UTF-8 (RFC 8259 section 8.1) without a byte-order mark: the HMAC signs the raw bytes, so one
 * encoding keeps one meaning per signature, and the parser must not guess UTF-16 or UTF-32 from the bytes. Limits,
 * far above what a valid write uses (depth 3, 78-digit uint256, 20-character names): {@link #DEPTH_MAX} levels of
 * nesting, numbers of {@link #NUMBER_DIGITS_MAX} characters, field names of {@link #NAME_LENGTH_MAX} characters.
 */
public final class JsonBody {
    /** Objects and arrays open at once; a batch of jobs uses 3. */
    public static final int DEPTH_MAX = 16;
    /** Characters of one number (a uint256 has at most 78 digits). */
    public static final int NUMBER_DIGITS_MAX = 100;
    public static final int NAME_LENGTH_MAX = 256;
    private static final int SHOWN_NAME_MAX = 64;
    private static final int SHOWN_PATH_MAX = 200;

    /** The parser carries the limits; the project's mapper builds the tree (exact integers and decimals). */
    private static final JsonFactory PARSERS = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(DEPTH_MAX).maxNumberLength(NUMBER_DIGITS_MAX).maxNameLength(NAME_LENGTH_MAX).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Parser messages we recognise, by their first words, and how we say them. Anything else: "malformed JSON". */
    private static final List<String[]> KNOWN = List.of(
            new String[] {"Unexpected character", "unexpected character"},
            new String[] {"Unexpected close marker", "a closing bracket does not match"},
            new String[] {"Unrecognized token", "not a JSON value (strings need double quotes)"},
            new String[] {"Non-standard token", "NaN and Infinity are not JSON numbers"},
            new String[] {"Invalid numeric value", "invalid number"},
            new String[] {"Illegal unquoted character", "a control character in a string must be escaped"},
            new String[] {"Illegal character", "a character that is not allowed here"},
            new String[] {"Unrecognized character escape", "an invalid escape sequence in a string"},
            new String[] {"Invalid UTF-8", "not valid UTF-8"});

    private JsonBody() {
    }

    /** The one JSON object in {@code body}; {@link ApiError} 400 otherwise. */
    public static JsonNode parse(byte[] body) {
        requireUtf8(body);
        JsonNode root;
        try (JsonParser parser = PARSERS.createParser(body)) {
            root = readOne(parser);
        } catch (IOException e) {
            throw ApiError.invalid("body", "could not be read");
        }
        if (!root.isObject()) {
            throw ApiError.invalid("body", "must be a JSON object");
        }
        return root;
    }

    private static JsonNode readOne(JsonParser parser) throws IOException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(parser);
        } catch (JsonProcessingException e) {
            throw refusal(e, parser);
        } catch (NumberFormatException | ArithmeticException e) {
            // a short number text the exact types cannot hold, e.g. 1e999999999999 (exponent beyond an int)
            String path = path(parser.getParsingContext());
            throw ApiError.invalid(path.isEmpty() ? "body" : path, "is a number out of any range this API accepts");
        }
        if (root == null || root.isMissingNode()) {
            throw ApiError.invalid("body", "is empty: must be a JSON object");
        }
        JsonLocation end = parser.currentLocation();
        boolean more;
        try {
            more = parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            more = true;
        }
        if (more) {
            throw ApiError.invalid("body", "must be exactly one JSON object; more content follows it" + at(end));
        }
        return root;
    }

    /** A UTF-8 body: no byte-order mark, no NUL byte (what UTF-16 and UTF-32 text of JSON always has). */
    private static void requireUtf8(byte[] body) {
        boolean bom = body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE)
                || (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF));
        if (bom) {
            throw ApiError.invalid("body", "starts with a byte-order mark: JSON here is UTF-8 without one (RFC 8259)");
        }
        for (byte b : body) {
            if (b == 0) {
                throw ApiError.invalid("body", "contains a NUL byte (UTF-16 or UTF-32 text?): JSON here is UTF-8 (RFC 8259)");
            }
        }
    }

    private static ApiError refusal(JsonProcessingException e, JsonParser parser) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String path = path(parser.getParsingContext());
        if (e instanceof StreamConstraintsException) {
            return limitExceeded(original, path);
        }
        if (original.startsWith("Duplicate field")) {
            return ApiError.invalid(path.isEmpty() ? "body" : path, "appears more than once in its object");
        }
        if (e instanceof JsonEOFException) {
            return ApiError.invalid("body", "ends early: an object, array or string is not closed");
        }
        String what = KNOWN.stream().filter(known -> original.startsWith(known[0])).map(known -> ": " + known[1])
                .findFirst().orElse("");
        return ApiError.invalid("body", "malformed JSON" + at(e.getLocation()) + what);
    }

    private static ApiError limitExceeded(String original, String path) {
        if (original.startsWith("Number value length")) {
            return ApiError.invalid(path.isEmpty() ? "body" : path, "is a number with more than " + NUMBER_DIGITS_MAX + " digits");
        }
        if (original.startsWith("Document nesting depth")) {
            String where = namedPrefix(path);
            return ApiError.invalid("body", "JSON nested deeper than " + DEPTH_MAX + " levels"
                    + (where.isEmpty() ? "" : " (in " + where + ")"));
        }
        if (original.startsWith("Name length")) {
            return ApiError.invalid(path.isEmpty() ? "body" : path, "has a field name longer than " + NAME_LENGTH_MAX + " characters");
        }
        return ApiError.invalid("body", "exceeds a size limit of this API");
    }

    /** {@code jobs[1].pixels}: the path the parser was at, as problems name fields. */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                String name = c.getCurrentName();
                parts.push("." + (name.length() <= SHOWN_NAME_MAX ? name : name.substring(0, SHOWN_NAME_MAX) + "..."));
            } else if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    /** The path up to its first array index, bounded: where a too-deep structure starts, for a message. */
    private static String namedPrefix(String path) {
        int bracket = path.indexOf('[');
        String prefix = bracket < 0 ? path : path.substring(0, bracket);
        return prefix.length() <= SHOWN_PATH_MAX ? prefix : prefix.substring(0, SHOWN_PATH_MAX) + "...";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
