package io.livepeerpool.protocol.ticket;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** A 32-byte value (hash, block hash), shown as lowercase 0x + 64 hex. */
public record Bytes32(byte[] bytes) {
    private static final Pattern SHAPE = Pattern.compile("0x[0-9a-fA-F]{64}");

    public Bytes32 {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("must be 32 bytes");
        }
        bytes = bytes.clone();
    }

    public static Bytes32 parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException("must be 0x followed by 64 hex digits");
        }
        return new Bytes32(HexFormat.of().parseHex(text.substring(2).toLowerCase(Locale.ROOT)));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
