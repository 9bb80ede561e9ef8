package io.livepeerpool.ledger.streams.store;

/**
 * String store keys that start with an epoch (or another non-negative number) padded to 19 digits, so that the
 * stores' byte order (UTF-8, unsigned) is numeric order and one epoch's entries are a contiguous range.
 */
public final class EpochKeys {
    static final int DIGITS = 19;
    public static final char SEPARATOR = '|';

    private EpochKeys() {
    }

    public static String number(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("key numbers are >= 0, got " + value);
        }
        String digits = Long.toString(value);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }

    /** {@code <epoch>|<rest>}. */
    public static String of(long epoch, String rest) {
        return number(epoch) + SEPARATOR + rest;
    }

    /** The prefix shared by every key of {@code epoch}. */
    public static String prefix(long epoch) {
        return number(epoch) + SEPARATOR;
    }

    /** What follows the epoch in a key made by {@link #of}. */
    public static String rest(String key) {
        return key.substring(DIGITS + 1);
    }
}
