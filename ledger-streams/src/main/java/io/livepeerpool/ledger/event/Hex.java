package io.livepeerpool.ledger.event;

import io.livepeerpool.protocol.address.Address;
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
     * Parses an address as the gateway does ({@link Address#parse}: single-case, or mixed case passing its EIP-55
     * checksum) and returns it lowercase, the ledger's one spelling.
     */
    public static String address(String text) {
        return Address.parse(text).hex();
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
