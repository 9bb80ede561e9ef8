package io.livepeerpool.chainwatcher.cursor;

import io.livepeerpool.schemas.avro.ChainCursor;
import io.livepeerpool.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a watcher's cursor back from the compacted cursor topic: the last committed record under its id.
 *
 * <p>Call it after the watcher's transactional producer has initialised: that completes or aborts whatever an
 * earlier incarnation left open, so every cursor this watcher ever wrote is then committed or aborted. The read
 * uses {@code read_committed} and goes up to the high watermark taken at that moment (not just the last stable
 * offset): if another writer of the topic held a transaction open, stopping at the LSO could miss our newest
 * cursor and replay a range. Bounded by {@code timeout}.
 */
public final class CursorReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final String topic;
    private final AvroDeserializer<ChainCursor> values;
    private final Duration timeout;

    public CursorReader(String bootstrapServers, String topic, AvroDeserializer<ChainCursor> values, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.values = values;
        this.timeout = timeout;
    }

    /** The last committed cursor of {@code watcherId}; empty if it never wrote one (or it was deleted). */
    public Optional<ChainCursor> read(String watcherId) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(adminProperties());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
                     new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> highWatermarks = highWatermarks(admin, partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ChainCursor last = null;
            while (!reached(consumer, highWatermarks)) {
                if (System.nanoTime() > deadline) {
                    throw new CursorReadException("reading " + topic + " did not reach its end within " + timeout
                            + " (an open transaction of another writer?)", null);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (watcherId.equals(record.key())) {
                        last = record.value() == null ? null : values.deserialize(record.topic(), record.value());
                    }
                }
            }
            return Optional.ofNullable(last);
        } catch (KafkaException e) {
            throw new CursorReadException("reading the cursor of " + watcherId + " from " + topic + " failed: "
                    + e.getMessage(), e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new CursorReadException("topic " + topic + " does not exist: create it (cleanup.policy=compact)", null);
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private Map<TopicPartition, Long> highWatermarks(Admin admin, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> result = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((p, info) -> result.put(p, info.offset()));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CursorReadException("interrupted while listing offsets of " + topic, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CursorReadException("listing offsets of " + topic + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return p;
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "chain-watcher-cursor-" + UUID.randomUUID());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        return p;
    }
}
