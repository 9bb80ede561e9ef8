package io.livepeerpool.ledger.audit;

import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Opens {@link PartitionCursor}s on topics, {@code read_committed} from offset 0, each bounded by the partition's
 * end as of {@link #ends} (the last stable offset: what committed transactions hold). No consumer group, nothing
 * committed: an audit leaves no trace in Kafka.
 */
public final class TopicReader {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final SchemaRegistryClient registry;

    public TopicReader(String bootstrapServers, SchemaRegistryClient registry) {
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    /** The topic's partitions and their ends now, in partition order. */
    public List<PartitionEnd> ends(TopicSpec<?> topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), CALL_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new ExportException(topic.name() + ": no such topic");
            }
            List<TopicPartition> partitions = IntStream.range(0, infos.size())
                    .mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, CALL_TIMEOUT);
            return partitions.stream().map(tp -> new PartitionEnd(tp, ends.get(tp))).toList();
        }
    }

    public <V extends SpecificRecord> PartitionCursor<V> open(TopicSpec<V> topic, PartitionEnd end) {
        KafkaConsumer<byte[], V> consumer = new KafkaConsumer<>(properties(), new ByteArrayDeserializer(),
                AvroSerde.forTopic(topic, registry).deserializer());
        return new PartitionCursor<>(consumer, end);
    }

    private Map<String, Object> properties() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    }

    /** One partition and the offset reading stops at. */
    public record PartitionEnd(TopicPartition partition, long end) {
    }
}
