package io.livepeerpool.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A job duration in seconds, as the JSON API and the replay files carry it, turned into exact milliseconds. Accepted: a JSON number or a string holding a
 * plain decimal ({@code 2}, {@code "2.5"}, {@code 2.500}); exponent notation is accepted in both forms and means
 * the same exact value ({@code 1e3} and {@code "1e3"} are 1000 s, {@code 2.5e-1} is 250 ms). The value must be
 * greater than 0, at most {@link #MAX_SECONDS}, and a whole number of milliseconds ({@code 2.0005} is refused,
 * {@code 2.5000} is 2500 ms). Parsed with {@link BigDecimal} from the text; never through {@code double}.
 */
public final class DurationSeconds {
    /** One day: a segment or job longer than that is a reporting error. */
    public static final long MAX_SECONDS = 86_400;
    private static final BigDecimal MAX = BigDecimal.valueOf(MAX_SECONDS);
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,20}(\\.[0-9]{1,20})?([eE][+-]?[0-9]{1,4})?");

    /** A parse outcome: milliseconds, or why not. */
    public record Result(Long millis, String problem) {
        static Result ok(long millis) {
            return new Result(millis, null);
        }

        static Result bad(String problem) {
            return new Result(null, problem);
        }
    }

    private DurationSeconds() {
    }

    public static Result toMillis(JsonNode node) {
        BigDecimal seconds;
        if (node.isNumber()) {
            seconds = node.decimalValue();
        } else if (node.isTextual() && NUMBER.matcher(node.textValue()).matches()) {
            seconds = new BigDecimal(node.textValue());
        } else {
            return Result.bad("must be a number of seconds, as a JSON number or a decimal string");
        }
        return toMillis(seconds);
    }

    public static Result toMillis(BigDecimal seconds) {
        if (seconds.signum() <= 0) {
            return Result.bad("must be greater than 0 seconds");
        }
        // Compared before any scaling, so a huge exponent costs nothing.
        if (seconds.compareTo(MAX) > 0) {
            return Result.bad("must be at most " + MAX_SECONDS + " seconds");
        }
        BigDecimal millis = seconds.movePointRight(3).stripTrailingZeros();
        if (millis.scale() > 0) {
            return Result.bad("must have at most 3 decimals (whole milliseconds)");
        }
        return Result.ok(millis.longValueExact());
    }
}
