package io.livepeerpool.chainwatcher.cursor;

import io.livepeerpool.schemas.avro.ChainCursor;
import io.livepeerpool.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a watcher's cursor for status reports: one long-lived read_committed consumer that reads the cursor topic
 * from the beginning once and then only what is new, up to the last stable offset (a report may miss a transaction
 * committing at that very moment; the next one has it). Not thread-safe; every call is bounded by the timeout.
 */
public final class CursorTail implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final String topic;
    private final String watcherId;
    private final AvroDeserializer<ChainCursor> values;
    private final Duration timeout;
    private final KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> partitions;
    private ChainCursor last;

    public CursorTail(String bootstrapServers, String topic, String watcherId, AvroDeserializer<ChainCursor> values,
                      Duration timeout) {
        this.topic = topic;
        this.watcherId = watcherId;
        this.values = values;
        this.timeout = timeout;
        this.consumer = new KafkaConsumer<>(properties(bootstrapServers, timeout), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** The watcher's newest committed cursor; empty if it has none yet. */
    public Optional<ChainCursor> latest() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (partitions == null) {
                assign();
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout); // LSO under read_committed
            while (!reached(ends)) {
                if (System.nanoTime() > deadline) {
                    throw new CursorReadException("reading " + topic + " did not catch up within " + timeout, null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (watcherId.equals(record.key())) {
                        last = record.value() == null ? null : values.deserialize(record.topic(), record.value());
                    }
                }
            }
            return Optional.ofNullable(last);
        } catch (KafkaException e) {
            throw new CursorReadException("reading " + topic + " failed: " + e.getMessage(), e);
        }
    }

    private void assign() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new CursorReadException("topic " + topic + " does not exist", null);
        }
        partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), timeout) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    private static Properties properties(String bootstrapServers, Duration timeout) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "chain-status-" + UUID.randomUUID());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        return p;
    }
}
