package io.livepeerpool.redeemer.grpc;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.livepeerpool.schemas.topics.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.avro.specific.SpecificRecord;

/** Reads a catalogue topic from its end at creation: what the test wrote after it, and nothing older. */
final class TopicTail<V extends SpecificRecord> implements AutoCloseable {
    private final SchemaRegistryClient registry;
    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

    TopicTail(Devstack devstack, TopicSpec<V> topic) {
        registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), AvroSerde.forTopic(topic, registry).deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the test writes
    }

    /** Every record seen so far once one matches {@code until}, or fails after {@code timeout}. */
    List<ConsumerRecord<String, V>> readUntil(Predicate<ConsumerRecord<String, V>> until, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (seen.stream().noneMatch(until)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching record within " + timeout + "; seen " + seen.size());
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
        registry.close();
    }
}
