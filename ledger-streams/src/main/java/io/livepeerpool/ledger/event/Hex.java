package io.livepeerpool.ledger.event;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Address and hash text as the ledger keeps it: lowercase {@code 0x} hex, so that string order is numeric order
 * (the largest-remainder tie rule relies on it) and every store key has one spelling.
 */
public final class Hex {
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern HASH = Pattern.compile("0x[0-9a-f]{64}");

    private Hex() {
    }

    /**
     * Normalises an address with all-lowercase or all-uppercase hex digits to lowercase. Mixed case is refused: it
     * claims an EIP-55 checksum, which this JDK-only code does not verify (the gateway does, with
     * {@code io.livepeerpool.protocol.address.Address}), and accepting it unchecked would let a typo through.
     */
    public static String address(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(lower).matches()) {
            throw new IllegalArgumentException("must be 0x followed by 40 hex digits");
        }
        String digits = text.substring(2);
        if (!digits.equals(lower.substring(2)) && !digits.equals(digits.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("must be lowercase (a mixed-case, checksummed address is not checked "
                    + "here)");
        }
        return lower;
    }

    /** Normalises a 32-byte hash (a transaction hash) given in any letter case to lowercase. */
    public static String hash(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!HASH.matcher(lower).matches()) {
            throw new IllegalArgumentException("must be 0x followed by 64 hex digits");
        }
        return lower;
    }

    /** Asserts an already normalised address; for record constructors, where a mixed-case value is a bug. */
    public static String requireAddress(String value, String name) {
        if (value == null || !ADDRESS.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a lowercase 0x address, got " + value);
        }
        return value;
    }

    public static String requireHash(String value, String name) {
        if (value == null || !HASH.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a lowercase 0x hash, got " + value);
        }
        return value;
    }
}
