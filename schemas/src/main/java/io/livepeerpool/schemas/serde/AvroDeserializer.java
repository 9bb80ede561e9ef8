package io.livepeerpool.schemas.serde;

import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format into {@code T}: the writer schema comes from the registry by the id in the
 * header, and Avro resolves it to the class's schema, so records written with an older compatible schema read
 * with today's class (added fields take their defaults). Anything that is not exactly one well-formed record
 * (wrong magic byte, too short, truncated, trailing bytes, unknown id, incompatible writer schema) is a
 * {@link SerializationException} naming the topic and schema id; nothing is guessed. Thread-safe.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    /** One decoder per thread, re-pointed at each record's bytes. */
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private final Schema readerSchema;
    private final SpecificData model;
    private final SchemaRegistryClient registry;
    /** Readers are thread-safe (Avro keeps their resolving decoders per thread); one per writer schema id. */
    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();

    public AvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        Objects.requireNonNull(type, "type");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    /** The schema records are resolved to: the class's own. */
    public Schema readerSchema() {
        return readerSchema;
    }

    @Override
    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null; // tombstone
        }
        if (bytes.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("topic " + topic + ": " + bytes.length + " byte(s) is shorter than the "
                    + WireFormat.HEADER_SIZE + "-byte wire-format header");
        }
        if (bytes[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format("topic %s: unknown magic byte 0x%02x (expected 0x00):"
                    + " not the Confluent Avro wire format", topic, bytes[0] & 0xff));
        }
        int schemaId = WireFormat.schemaId(bytes);
        DatumReader<T> reader = readerFor(topic, schemaId);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, WireFormat.HEADER_SIZE,
                bytes.length - WireFormat.HEADER_SIZE, DECODER.get());
        DECODER.set(decoder);
        T record;
        try {
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            // EOFException when truncated; AvroRuntimeException and friends when the bytes are not this schema
            throw new SerializationException("topic " + topic + ": schema id " + schemaId + ": cannot decode "
                    + (bytes.length - WireFormat.HEADER_SIZE) + "-byte payload as " + readerSchema.getName()
                    + " (truncated or corrupt): " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new SerializationException("topic " + topic + ": schema id " + schemaId + ": bytes left over"
                        + " after decoding one " + readerSchema.getName() + " from a "
                        + (bytes.length - WireFormat.HEADER_SIZE) + "-byte payload: corrupt or wrong schema id");
            }
        } catch (IOException e) {
            throw new SerializationException("topic " + topic + ": schema id " + schemaId + ": " + e, e);
        }
        return record;
    }

    private DatumReader<T> readerFor(String topic, int schemaId) {
        DatumReader<T> reader = readersByWriterId.get(schemaId);
        if (reader != null) {
            return reader;
        }
        Schema writerSchema;
        try {
            writerSchema = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("topic " + topic + ": cannot fetch writer schema id " + schemaId
                    + ": " + e.getMessage(), e);
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("topic " + topic + ": writer schema id " + schemaId + " ("
                    + writerSchema.getFullName() + ") cannot be read as " + readerSchema.getFullName() + ": "
                    + compatibility.getResult().getIncompatibilities());
        }
        reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
        DatumReader<T> raced = readersByWriterId.putIfAbsent(schemaId, reader);
        return raced != null ? raced : reader;
    }

    /** Value deserializer only: subjects are {@code <topic>-value}, so use for keys is refused rather than misfiled. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (isKey) {
            throw new IllegalArgumentException("AvroDeserializer is for values (subject <topic>-value), not keys");
        }
    }

    /** Does not close the registry client: it is shared, and its owner closes it. */
    @Override
    public void close() {
    }
}
