package io.livepeerpool.redeemer.grpc;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * go-livepeer's encoding of big integers on the wire: {@code big.Int.Bytes()}, the unsigned big-endian bytes without
 * leading zeros, so 0 is the empty byte string.
 */
final class BigEndian {
    private BigEndian() {
    }

    /** Minimal unsigned big-endian bytes of a non-negative value; empty for 0. */
    static byte[] minimal(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        byte[] raw = value.toByteArray();
        int skip = 0;
        while (skip < raw.length && raw[skip] == 0) {
            skip++;
        }
        return Arrays.copyOfRange(raw, skip, raw.length);
    }

    /** Reads unsigned big-endian bytes (leading zeros tolerated) of at most {@code maxBytes} significant bytes. */
    static BigInteger unsigned(byte[] bytes, int maxBytes, String field) {
        BigInteger value = new BigInteger(1, bytes);
        if (value.bitLength() > maxBytes * 8) {
            throw new InvalidTicketField(field, "must fit in " + maxBytes + " bytes, got " + bytes.length);
        }
        return value;
    }
}
