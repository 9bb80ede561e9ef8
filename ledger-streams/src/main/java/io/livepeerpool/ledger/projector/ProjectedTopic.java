package io.livepeerpool.ledger.projector;

import io.livepeerpool.schemas.topics.TopicSpec;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** One topic the projector reads: its catalogue descriptor, how its bytes become values, and how values become rows. */
public record ProjectedTopic<V>(TopicSpec<V> spec, Deserializer<V> deserializer, RowMapper<V> rows) {

    public ProjectedTopic {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(deserializer, "deserializer");
        Objects.requireNonNull(rows, "rows");
        if (rows.statements().isEmpty()) {
            throw new IllegalArgumentException("no statement for topic " + spec.name());
        }
    }

    public String name() {
        return spec.name();
    }

    V decode(ConsumerRecord<byte[], byte[]> record) {
        return deserializer.deserialize(record.topic(), record.headers(), record.value());
    }
}
