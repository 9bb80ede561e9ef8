package io.livepeerpool.ledger.event;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Amounts in wei: non-negative integers that fit a uint256, never a floating type. */
public final class Wei {
    /** The largest on-chain amount, 2^256 - 1 (also what {@code NUMERIC(78,0)} must hold). */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,78}");

    private Wei() {
    }

    /** Parses a decimal string of wei: digits only (no sign, point or exponent), at most 2^256 - 1. */
    public static BigInteger parse(String text) {
        if (!DIGITS.matcher(text).matches()) {
            throw new IllegalArgumentException("must be a decimal string of wei (digits only)");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("must be at most 2^256-1 wei");
        }
        return value;
    }

    /** Asserts 0 <= value <= 2^256 - 1. */
    public static BigInteger require(BigInteger value, String name) {
        if (value == null || value.signum() < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and 2^256-1 wei, got " + value);
        }
        return value;
    }
}
