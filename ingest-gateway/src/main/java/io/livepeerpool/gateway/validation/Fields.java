package io.livepeerpool.gateway.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads typed fields out of one JSON object, recording a {@link Problem} (named by its full path) for each field
 * that is missing or malformed and returning {@code null} for it. A validator reads every field, then builds its
 * value only when no problem was recorded, so a client learns about all its mistakes at once.
 *
 * <p>Numbers: integer fields take JSON integer tokens only ({@code 1.0} and {@code 1e3} are refused), at most
 * {@link #INTEGER_MAX} (2^53-1), so every consumer of the topics, JavaScript included, reads them exactly; uint256
 * fields also take a decimal string or a {@code 0x} hex string, so values beyond 2^53 survive JavaScript clients.
 * Nothing is ever parsed through {@code double}.
 */
public final class Fields {
    /** 2^53-1, the largest integer a JavaScript number (an IEEE double) holds exactly; the cap of every integer field. */
    public static final long INTEGER_MAX = (1L << 53) - 1;
    private static final int SHOWN_NAME_MAX = 64;

    private final JsonNode object;
    private final String path;
    private final List<Problem> problems;

    private Fields(JsonNode object, String path, List<Problem> problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Fields of {@code node}, which must be a JSON object; if it is not, a problem is recorded for {@code path}
     * and every later read returns {@code null} without further problems.
     */
    public static Fields of(JsonNode node, String path, List<Problem> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            problems.add(new Problem(path, "is required"));
            return new Fields(null, path, problems);
        }
        if (!node.isObject()) {
            problems.add(new Problem(path, "must be a JSON object"));
            return new Fields(null, path, problems);
        }
        return new Fields(node, path, problems);
    }

    public boolean isObject() {
        return object != null;
    }

    /** The full path of a field of this object, as problems name it. */
    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Records "unknown field" for every field not in {@code allowed}. */
    public void rejectUnknown(Set<String> allowed) {
        if (object == null) {
            return;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(new Problem(path(shown(name)), "unknown field"));
            }
        }
    }

    /** The raw node of a present, non-null field, or null (recording "is required" when {@code required}). */
    public JsonNode node(String name, boolean required) {
        if (object == null) {
            return null;
        }
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Problem(path(name), "is required"));
            }
            return null;
        }
        return node;
    }

    public void problem(String name, String message) {
        problems.add(new Problem(path(name), message));
    }

    /** A JSON string matching {@code shape}; {@code shapeMessage} explains the shape when it does not. */
    public String string(String name, boolean required, Pattern shape, String shapeMessage) {
        return text(name, required, value -> {
            if (!shape.matcher(value).matches()) {
                throw new IllegalArgumentException(shapeMessage);
            }
            return value;
        });
    }

    /** A JSON string of {@code shape}; {@code shapeMessage} explains the shape when it does not match. */
    public String string(String name, boolean required, CharShape shape, String shapeMessage) {
        return text(name, required, value -> {
            if (!shape.matches(value)) {
                throw new IllegalArgumentException(shapeMessage);
            }
            return value;
        });
    }

    /** An Ethereum address: 0x + 40 hex; mixed case must pass EIP-55. */
    public Address address(String name) {
        return text(name, true, Address::parse);
    }

    /** 0x + 64 hex. */
    public Bytes32 bytes32(String name, boolean required) {
        return text(name, required, Bytes32::parse);
    }

    /**
     * A JSON string turned into a value by {@code parse}; a parse failure (IllegalArgumentException) becomes a
     * problem with its message, so every text field reports the same way.
     */
    private <T> T text(String name, boolean required, Function<String, T> parse) {
        JsonNode node = node(name, required);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            problem(name, "must be a string");
            return null;
        }
        try {
            return parse.apply(node.textValue());
        } catch (IllegalArgumentException e) {
            problem(name, e.getMessage());
            return null;
        }
    }

    /** A JSON integer token within [min, max]; {@code max} is at most {@link #INTEGER_MAX}. */
    public Long integer(String name, boolean required, long min, long max) {
        if (max > INTEGER_MAX || min < -INTEGER_MAX) {
            throw new IllegalArgumentException("integer fields stay within +-(2^53-1): " + name);
        }
        JsonNode node = node(name, required);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            problem(name, "must be an integer");
            return null;
        }
        BigInteger value = node.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            problem(name, "must be between " + min + " and " + max);
            return null;
        }
        return value.longValueExact();
    }

    /**
     * A uint256 (0 to 2^256-1): a JSON integer token, a decimal string of up to 78 digits, or {@code 0x} with up
     * to 64 hex digits. Absent and not required gives {@code defaultValue}.
     */
    public BigInteger uint256(String name, boolean required, BigInteger defaultValue) {
        JsonNode node = node(name, required);
        if (node == null) {
            return required ? null : defaultValue;
        }
        BigInteger value = parseUint256(node);
        if (value == null) {
            problem(name, "must be an integer from 0 to 2^256-1, as a JSON integer, a decimal string or a 0x hex string");
            return null;
        }
        return value;
    }

    /** The uint256 a node holds, or null if it holds none. */
    public static BigInteger parseUint256(JsonNode node) {
        try {
            if (node.isIntegralNumber()) {
                return Uint256.check(node.bigIntegerValue(), "value");
            }
            return node.isTextual() ? Uint256.parse(node.textValue()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Field names come from the client: shown shortened so that an error body stays small. */
    private static String shown(String name) {
        return name.length() <= SHOWN_NAME_MAX ? name : name.substring(0, SHOWN_NAME_MAX) + "...";
    }
}
