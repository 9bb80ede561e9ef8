package io.livepeerpool.ledger.event;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hash text as the ledger keeps it: lowercase {@code 0x} hex, so that every store key has one spelling. Addresses
 * are {@code protocol}'s {@code Address} ({@code parse(text).hex()} for input, {@code requireLowercase} in records).
 */
public final class Hex {
    private static final Pattern HASH = Pattern.compile("0x[0-9a-f]{64}");

    private Hex() {
    }

    /** Normalises a 32-byte hash (a transaction hash) given in any letter case to lowercase. */
    public static String hash(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!HASH.matcher(lower).matches()) {
            throw new IllegalArgumentException("must be 0x followed by 64 hex digits");
        }
        return lower;
    }

    public static String requireHash(String value, String name) {
        if (value == null || !HASH.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a lowercase 0x hash, got " + value);
        }
        return value;
    }
}
