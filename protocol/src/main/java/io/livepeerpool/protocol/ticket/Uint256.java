package io.livepeerpool.protocol.ticket;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The one home of wei and other uint256 values: range checks, the text forms clients and contracts use, whole-number
 * checks of decimals (Avro {@code decimal(78,0)}, SQL {@code NUMERIC(78,0)}), and the big-endian 32-byte encoding.
 * Every check takes the caller's field name, which its message starts with.
 */
public final class Uint256 {
    /** 2^256 - 1: the largest on-chain amount (also what {@code NUMERIC(78,0)} must hold). */
    public static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,78}");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]{1,64}");

    private Uint256() {
    }

    /** {@code value} if 0 <= value <= 2^256 - 1. */
    public static BigInteger check(BigInteger value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.signum() < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(field + " must be between 0 and 2^256-1");
        }
        return value;
    }

    /** A decimal string of wei: digits only (no sign, point or exponent), at most 2^256 - 1. */
    public static BigInteger parseDecimal(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("must be a decimal string of wei (digits only)");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("must be at most 2^256-1 wei");
        }
        return value;
    }

    /** A decimal string (as {@link #parseDecimal}) or {@code 0x} with 1 to 64 hex digits of either case. */
    public static BigInteger parse(String text) {
        if (text != null && HEX.matcher(text).matches()) {
            return new BigInteger(text.substring(2), 16);
        }
        return parseDecimal(text);
    }

    /** The integer a decimal holds, which must be whole and >= 0 (a fraction is a bug upstream, never rounded). */
    public static BigInteger wholeNumber(BigDecimal value, String field) {
        BigInteger integer;
        try {
            integer = value.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " must be a whole number, got " + value, e);
        }
        if (integer.signum() < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
        return integer;
    }

    /**
     * {@code amount} at scale 0, for a {@code NUMERIC(78,0)} column (which would round a fraction away); null stays
     * null. The sign is the column's constraint to check.
     */
    public static BigDecimal wholeWei(BigDecimal amount, String field) {
        if (amount == null) {
            return null;
        }
        if (amount.signum() != 0 && amount.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(field + " is not a whole number of wei: " + amount.toPlainString());
        }
        return amount.setScale(0);
    }

    /** Left-padded big-endian 32 bytes (Solidity's abi encoding of a uint256). */
    public static byte[] toBytes32(BigInteger value) {
        check(value, "value");
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
