package io.livepeerpool.schemas.serde;

import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes {@code T} in the Confluent wire format with the class's own schema as the writer schema. On the first
 * record for a topic it registers that schema under {@code <topic>-value} (TopicNameStrategy; Kafka Streams calls it
 * with its changelog and repartition topics too) and keeps the id, so the hot path is a map lookup, an encode into a
 * per-thread buffer and one copy into the returned array. Thread-safe.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    /** One buffer and encoder per thread, shared by all serializers: encoding never allocates beyond the result. */
    private static final ThreadLocal<Encoding> ENCODING = ThreadLocal.withInitial(Encoding::new);

    private static final class Encoding {
        final RecordBuffer buffer = new RecordBuffer();
        final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer, null);
    }

    private final Class<T> type;
    private final Schema writerSchema;
    private final DatumWriter<T> writer;
    private final SchemaRegistryClient registry;
    private final Map<String, Integer> schemaIdsByTopic = new ConcurrentHashMap<>();

    public AvroSerializer(Class<T> type, SchemaRegistryClient registry) {
        this.type = Objects.requireNonNull(type, "type");
        this.registry = Objects.requireNonNull(registry, "registry");
        // The generated class's model carries its logical-type conversions (decimal <-> BigDecimal, timestamps).
        SpecificData model = SpecificData.getForClass(type);
        this.writerSchema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(writerSchema, model);
    }

    /** The schema every record is written with. */
    public Schema writerSchema() {
        return writerSchema;
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null; // a tombstone stays a tombstone
        }
        if (record.getClass() != type) {
            throw new SerializationException("topic " + topic + ": serializer for " + type.getName()
                    + " got a " + record.getClass().getName());
        }
        int schemaId = schemaId(topic);
        Encoding encoding = ENCODING.get();
        try {
            encoding.buffer.startRecord(schemaId);
            writer.write(record, encoding.encoder);
            encoding.encoder.flush();
            return encoding.buffer.toByteArray();
        } catch (IOException | RuntimeException e) {
            ENCODING.remove(); // the encoder may still hold part of the failed record
            throw new SerializationException("topic " + topic + ": cannot serialize " + writerSchema.getName()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The writer schema's id for {@code topic}, registered on first use. */
    int schemaId(String topic) {
        Integer id = schemaIdsByTopic.get(topic);
        if (id != null) {
            return id;
        }
        String subject = topic + "-value";
        try {
            id = registry.register(subject, writerSchema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("topic " + topic + ": cannot register " + writerSchema.getFullName()
                    + " under subject " + subject + ": " + e.getMessage(), e);
        }
        schemaIdsByTopic.put(topic, id);
        return id;
    }

    /** Value serializer only: subjects are {@code <topic>-value}, so use for keys is refused rather than misfiled. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (isKey) {
            throw new IllegalArgumentException("AvroSerializer is for values (subject <topic>-value), not keys");
        }
    }

    /** Does not close the registry client: it is shared, and its owner closes it. */
    @Override
    public void close() {
    }
}
