package io.livepeerpool.schemas.serde;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer an encoder writes into, one per thread, reset for every record. Unlike
 * {@link java.io.ByteArrayOutputStream} it is not synchronized and it gives its capacity back after an outsized
 * record, so a thread never keeps more than {@link #RETAINED_BYTES_MAX} between records.
 */
final class RecordBuffer extends OutputStream {

    static final int INITIAL_BYTES = 1024;
    static final int RETAINED_BYTES_MAX = 1 << 20;

    private byte[] bytes = new byte[INITIAL_BYTES];
    private int size;

    /** Empties the buffer and starts it with the wire-format header. */
    void startRecord(int schemaId) {
        if (bytes.length > RETAINED_BYTES_MAX) {
            bytes = new byte[INITIAL_BYTES];
        }
        bytes[0] = WireFormat.MAGIC_BYTE;
        bytes[1] = (byte) (schemaId >>> 24);
        bytes[2] = (byte) (schemaId >>> 16);
        bytes[3] = (byte) (schemaId >>> 8);
        bytes[4] = (byte) schemaId;
        size = WireFormat.HEADER_SIZE;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed < 0) {
            throw new IllegalStateException("record larger than 2 GiB");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, 2L * bytes.length)));
        }
    }
}
