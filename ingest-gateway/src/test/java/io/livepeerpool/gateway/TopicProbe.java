package io.livepeerpool.gateway;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a topic gained since {@link #mark()}, as a {@code read_committed} consumer (what the ledger and the
 * projector see): aborted or open transactions are invisible to it.
 */
public final class TopicProbe<V extends SpecificRecord> implements AutoCloseable {
    private final KafkaConsumer<String, V> consumer;
    private final SchemaRegistryClient registry;
    private final List<TopicPartition> partitions;
    private Map<TopicPartition, Long> marked = new HashMap<>();

    public TopicProbe(Devstack devstack, TopicSpec<V> topic) {
        this(devstack, topic, "read_committed");
    }

    /** {@code isolation}: read_committed, or read_uncommitted to see what reached the broker in open or aborted transactions. */
    public TopicProbe(Devstack devstack, TopicSpec<V> topic, String isolation) {
        this.registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), AvroSerde.forTopic(topic, registry).deserializer());
        this.partitions = consumer.partitionsFor(topic.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        mark();
    }

    /** From now on: the current last stable offsets. */
    public void mark() {
        marked = new HashMap<>(consumer.endOffsets(partitions));
    }

    /** Every committed record after the mark, reading up to the current end. */
    public List<ConsumerRecord<String, V>> sinceMark() {
        marked.forEach(consumer::seek);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    /** Waits (transaction markers land just after the commit returns) until {@code count} records match. */
    public List<ConsumerRecord<String, V>> await(Predicate<ConsumerRecord<String, V>> match, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, V>> found = sinceMark().stream().filter(match).toList();
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        consumer.close();
        registry.close();
    }
}
