package io.livepeerpool.chainwatcher.decode;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.web3j.utils.Numeric;

/**
 * A log's indexed topics or data read as ABI words, with bounds checked: a log that is shorter than its event says
 * is an {@link UndecodableLogException}, never a silently wrong value.
 */
final class LogData {
    private static final int WORD = 32;
    private static final BigInteger ADDRESS_LIMIT = BigInteger.ONE.shiftLeft(160);

    private final byte[] bytes;
    private final String what;

    private LogData(byte[] bytes, String what) {
        this.bytes = bytes;
        this.what = what;
    }

    static LogData of(String hex, String what) {
        try {
            return new LogData(Numeric.hexStringToByteArray(hex == null ? "0x" : hex), what);
        } catch (RuntimeException e) {
            throw new UndecodableLogException(what + " is not hex");
        }
    }

    int words() {
        return bytes.length / WORD;
    }

    BigInteger uint(int index) {
        return new BigInteger(1, word(index));
    }

    long uintAsLong(int index, String field) {
        BigInteger value = uint(index);
        if (value.bitLength() > 63) {
            throw new UndecodableLogException(what + ": " + field + " " + value + " does not fit a long");
        }
        return value.longValueExact();
    }

    /** A left-padded address word, lowercase {@code 0x} hex; non-zero padding is refused. */
    String address(int index) {
        BigInteger value = uint(index);
        if (value.compareTo(ADDRESS_LIMIT) >= 0) {
            throw new UndecodableLogException(what + ": word " + index + " is not an address");
        }
        return "0x" + HexFormat.of().formatHex(Arrays.copyOfRange(word(index), 12, WORD));
    }

    String bytes32(int index) {
        return "0x" + HexFormat.of().formatHex(word(index));
    }

    /** An ABI-encoded {@code bytes} whose offset is in word {@code index}, as {@code 0x} hex. */
    String dynamicBytes(int index) {
        long offset = uintAsLong(index, "bytes offset");
        if (offset % WORD != 0 || offset + WORD > bytes.length) {
            throw new UndecodableLogException(what + ": bytes offset " + offset + " outside " + bytes.length + " bytes");
        }
        int start = Math.toIntExact(offset);
        long length = new BigInteger(1, Arrays.copyOfRange(bytes, start, start + WORD)).longValue();
        if (length < 0 || start + WORD + length > bytes.length) {
            throw new UndecodableLogException(what + ": bytes length " + length + " outside " + bytes.length + " bytes");
        }
        int from = start + WORD;
        return "0x" + HexFormat.of().formatHex(Arrays.copyOfRange(bytes, from, from + Math.toIntExact(length)));
    }

    private byte[] word(int index) {
        if (index < 0 || (index + 1) * WORD > bytes.length) {
            throw new UndecodableLogException(what + ": no word " + index + " in " + bytes.length + " bytes");
        }
        return Arrays.copyOfRange(bytes, index * WORD, (index + 1) * WORD);
    }
}
