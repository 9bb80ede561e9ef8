package io.livepeerpool.gateway.reads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where the next page starts, for {@code before}, in a read's {@link Keyset}. Two forms: a plain bound (an ISO-8601
 * instant for reads ordered by time, a round number for reads ordered by round: rows strictly before it), or the
 * opaque {@code nextBefore} value of the previous page (a base64url token naming the last row's time or round and its
 * keys, so rows sharing a time or a round are neither skipped nor repeated). The token's content is not an interface;
 * a token of another read's order is refused.
 *
 * @param lead the last row's time ({@link Instant}) or round ({@link Long}), or the plain bound
 * @param keys the last row's values of the keyset's key columns, in order; empty for a plain bound: rows strictly
 *             before {@code lead} (also what a token means when the keyset has no key columns)
 */
public record Cursor(Object lead, List<String> keys) {
    private static final int TEXT_MAX = 512;
    private static final int ROUND_DIGITS_MAX = 18;
    /**
     * The instants a {@code before} may name: years 1 to 9999 (four-digit ISO-8601 years), well inside what a
     * PostgreSQL TIMESTAMPTZ holds (4713 BC to 294276 AD), so an out-of-range bound is the client's 400 and never a
     * database error that looks like an outage.
     */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** Key texts are the rows' ids (addresses, job ids, payout ids): short, printable. */
    private static final int KEY_LENGTH_MAX = 256;

    public Cursor {
        if (!(lead instanceof Instant) && !(lead instanceof Long)) {
            throw new IllegalArgumentException("a cursor leads with an Instant or a Long round, not " + lead);
        }
        keys = List.copyOf(keys);
    }

    /** After the row at {@code at} with these keys (none: every row strictly older than {@code at}). */
    public static Cursor after(Instant at, String... keys) {
        return new Cursor(at, List.of(keys));
    }

    /** After the row of {@code round} with these keys (none: every row of a lower round). */
    public static Cursor after(long round, String... keys) {
        return new Cursor(round, List.of(keys));
    }

    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    /** The cursor in {@code text} for {@code keyset}, or {@link IllegalArgumentException} naming the accepted forms. */
    static Cursor parse(String text, Keyset keyset) {
        if (text.length() > TEXT_MAX) {
            throw new IllegalArgumentException("is too long");
        }
        String accepted = "must be " + keyset.lead().plainForm + " or a nextBefore token of this endpoint";
        try {
            return switch (keyset.lead()) {
                case TIME -> text.contains(":") ? after(plainBound(text)) : token(text, keyset);
                case ROUND -> text.matches("[0-9]{1," + ROUND_DIGITS_MAX + "}") ? after(Long.parseLong(text)) : token(text, keyset);
            };
        } catch (OutOfRange e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException(accepted);
        }
    }

    /**
     * A plain bound, rounded up to the next microsecond: the database keeps microseconds, so the rows strictly
     * older than a finer instant are exactly those strictly older than that microsecond.
     */
    private static Instant plainBound(String text) {
        Instant at = Instant.parse(text);
        int belowMicros = at.getNano() % 1_000;
        return inRange(belowMicros == 0 ? at : at.plusNanos(1_000 - belowMicros));
    }

    /** A token's instant is a row's: in range and exactly microseconds (it is compared with <= as well as <). */
    private static Instant tokenInstant(String text) {
        Instant at = inRange(Instant.parse(text));
        if (at.getNano() % 1_000 != 0) {
            throw new IllegalArgumentException("not a row's time");
        }
        return at;
    }

    private static Instant inRange(Instant at) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new OutOfRange("must be an instant from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
        }
        return at;
    }

    /** A key as the database stores it: no NUL or other control character, no lone surrogate, bounded. */
    private static String key(String text) {
        if (text.length() > KEY_LENGTH_MAX || text.chars().anyMatch(Character::isISOControl)
                || !StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            throw new IllegalArgumentException("not a key");
        }
        return text;
    }

    /** A well-formed value outside what this API pages over: its message is the answer. */
    private static final class OutOfRange extends IllegalArgumentException {
        OutOfRange(String message) {
            super(message);
        }
    }

    /** A token is a JSON array: the lead (ISO text or round number), then one text per key column. */
    private static Cursor token(String text, Keyset keyset) throws IOException {
        JsonNode node = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
        if (node == null || !node.isArray() || node.size() != 1 + keyset.keyColumns().size()) {
            throw new IllegalArgumentException("not a token of this order");
        }
        JsonNode lead = node.get(0);
        Object position = switch (keyset.lead()) {
            case TIME -> {
                if (!lead.isTextual()) {
                    throw new IllegalArgumentException("not a time");
                }
                yield tokenInstant(lead.textValue());
            }
            case ROUND -> {
                if (!lead.isIntegralNumber() || !lead.canConvertToLong() || lead.longValue() < 0) {
                    throw new IllegalArgumentException("not a round");
                }
                yield lead.longValue();
            }
        };
        List<String> keys = new ArrayList<>();
        for (int i = 1; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new IllegalArgumentException("not a key");
            }
            keys.add(key(node.get(i).textValue()));
        }
        return new Cursor(position, keys);
    }

    public String encode() {
        ArrayNode array = Json.mapper().createArrayNode();
        if (lead instanceof Instant at) {
            array.add(at.toString());
        } else {
            array.add((Long) lead);
        }
        keys.forEach(array::add);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(array.toString().getBytes(StandardCharsets.UTF_8));
    }
}
