package io.livepeerpool.protocol.ticket;

import java.math.BigInteger;

/** Range checks and big-endian 32-byte encoding for Solidity uint256 values. */
public final class Uint256 {
    public static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private Uint256() {
    }

    public static BigInteger check(BigInteger value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        if (value.signum() < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(field + " must be between 0 and 2^256-1");
        }
        return value;
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
