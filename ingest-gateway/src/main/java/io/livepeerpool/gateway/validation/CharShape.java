package io.livepeerpool.gateway.validation;

/**
 * A string of {@code min} to {@code max} characters, each from an ASCII set, e.g. {@code [A-Za-z0-9_-]{8,64}}: what the
 * signed path checks in every header and job id. A regular expression did the same, but its character classes
 * ({@code Pattern$BmpCharProperty.match}, {@code Pattern.lambda$union}) were among the top frames of a JFR profile
 * of signed posts; this is one table lookup per character.
 */
public final class CharShape {
    private final boolean[] allowed = new boolean[128];
    private final int min;
    private final int max;
    private final String description;

    /** {@code ranges}: the allowed characters as inclusive pairs, e.g. {@code "AZaz09__--"}. */
    public CharShape(String ranges, int min, int max) {
        if (ranges.length() % 2 != 0 || min < 0 || max < min) {
            throw new IllegalArgumentException("ranges must be pairs and 0 <= min <= max: " + ranges + ", " + min + ", " + max);
        }
        StringBuilder set = new StringBuilder("[");
        for (int i = 0; i < ranges.length(); i += 2) {
            char low = ranges.charAt(i);
            char high = ranges.charAt(i + 1);
            if (high > 127 || high < low) {
                throw new IllegalArgumentException("ranges must be ASCII pairs, low to high: " + ranges);
            }
            for (char c = low; c <= high; c++) {
                allowed[c] = true;
            }
            set.append(low == high ? String.valueOf(low) : low + "-" + high);
        }
        this.min = min;
        this.max = max;
        this.description = set.append("]{").append(min).append(',').append(max).append('}').toString();
    }

    public boolean matches(String value) {
        int length = value.length();
        if (length < min || length > max) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c > 127 || !allowed[c]) {
                return false;
            }
        }
        return true;
    }

    /** The shape as a regular expression would spell it, e.g. {@code [A-Za-z0-9_-]{8,64}}. */
    @Override
    public String toString() {
        return description;
    }
}
