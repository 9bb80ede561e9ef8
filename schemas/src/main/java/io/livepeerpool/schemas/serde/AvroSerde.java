package io.livepeerpool.schemas.serde;

import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.topics.TopicSpec;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Value serde for a generated Avro class in the Confluent wire format (magic byte 0, 4-byte big-endian schema id,
 * Avro binary), with schemas in a Schema Registry under {@code <topic>-value}. Build one per topic with
 * {@link #forTopic} and share it: it is thread-safe, and the caller keeps ownership of the registry client
 * (closing the serde does not close it).
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(Class<T> type, SchemaRegistryClient registry) {
        this.serializer = new AvroSerializer<>(type, registry);
        this.deserializer = new AvroDeserializer<>(type, registry);
    }

    /** The value serde of a catalogue topic. */
    public static <T extends SpecificRecord> AvroSerde<T> forTopic(TopicSpec<T> topic, SchemaRegistryClient registry) {
        if (!topic.valueSchema().equals(SpecificData.getForClass(topic.valueType()).getSchema(topic.valueType()))) {
            throw new IllegalArgumentException("topic " + topic.name() + ": declared value schema is not the schema of "
                    + topic.valueType().getName());
        }
        return new AvroSerde<>(topic.valueType(), registry);
    }

    /** A value serde for any generated class (e.g. for a topic outside the catalogue, in a test). */
    public static <T extends SpecificRecord> AvroSerde<T> forClass(Class<T> type, SchemaRegistryClient registry) {
        return new AvroSerde<>(type, registry);
    }

    /** Value serde only: subjects are {@code <topic>-value}, so use as a key serde is refused rather than misfiled. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public AvroSerializer<T> serializer() {
        return serializer;
    }

    @Override
    public AvroDeserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
    }
}
