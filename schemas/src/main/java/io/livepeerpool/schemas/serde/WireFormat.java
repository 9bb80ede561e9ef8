package io.livepeerpool.schemas.serde;

/**
 * The Confluent wire format: {@code [0x00][schema id: 4 bytes, big-endian][Avro binary of the record]}. The id is
 * the Schema Registry's global id of the writer schema; a reader fetches that schema to decode the payload.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id in the header of {@code bytes}; the caller has checked the length and magic byte. */
    static int schemaId(byte[] bytes) {
        return (bytes[1] & 0xff) << 24 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 8 | bytes[4] & 0xff;
    }
}
