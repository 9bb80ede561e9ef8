package io.livepeerpool.gateway.kafka;

import io.livepeerpool.schemas.topics.TopicSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Turns one value of a catalogue topic into the bytes the producers send, on the request thread, so a Schema
 * Registry failure is a {@link PublishFailed} (503) before anything reaches Kafka.
 */
public final class RecordEncoder<V> {
    private final TopicSpec<V> topic;
    private final Serializer<V> serializer;

    public RecordEncoder(TopicSpec<V> topic, Serializer<V> serializer) {
        this.topic = topic;
        this.serializer = serializer;
    }

    public ProducerRecord<String, byte[]> record(String key, V value) {
        byte[] bytes;
        try {
            bytes = serializer.serialize(topic.name(), value);
        } catch (RuntimeException e) {
            // SerializationException when the registry cannot be reached or refuses the schema.
            throw new PublishFailed("cannot encode for " + topic.name() + ": " + e.getMessage());
        }
        return new ProducerRecord<>(topic.name(), key, bytes);
    }
}
