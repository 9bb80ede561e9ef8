package io.livepeerpool.ledger.streams.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether a Kafka Streams application has consumed, and committed, everything on its source topics: no open
 * transaction on them, and no committed record after the application's committed offset (the records between may
 * be transaction markers only). Checked in flow order (upstream first), so a record an upstream task wrote after its
 * topic was checked is on a downstream topic by the time that one is checked.
 *
 * <p>For the bench and the integration test: they wait for it before writing a NewRound, so that every job reached
 * its partition's subtotal before the marker and the result is exactly the replay's.
 */
public final class CatchUp implements AutoCloseable {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    static final Duration POLL = Duration.ofMillis(100);
    static final int POLLS_PER_PARTITION_MAX = 50;

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> reader;
    private final String groupId;
    private final List<String> topicsInFlowOrder;

    public CatchUp(String bootstrapServers, String groupId, List<String> topicsInFlowOrder) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.groupId = groupId;
        this.topicsInFlowOrder = List.copyOf(topicsInFlowOrder);
    }

    /**
     * Waits until {@link #caughtUp()}, checking every 200 ms for at most {@code timeout}.
     *
     * @param alive checked on each pass: false (the application died) fails at once
     * @throws IllegalStateException on timeout or when {@code alive} turns false
     */
    public void await(Duration timeout, BooleanSupplier alive) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp()) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(groupId + " is not running");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(groupId + " has not caught up with " + topicsInFlowOrder + " within "
                        + timeout);
            }
            Thread.sleep(200);
        }
    }

    public boolean caughtUp() throws InterruptedException {
        try {
            for (String topic : topicsInFlowOrder) {
                if (!caughtUp(topic)) {
                    return false;
                }
            }
            return true;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the progress of " + groupId + ": " + e, e);
        }
    }

    private boolean caughtUp(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .get(topic).partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                        OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> highWatermarks = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> stable = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        for (TopicPartition partition : latest.keySet()) {
            long end = highWatermarks.get(partition).offset();
            if (stable.get(partition).offset() != end) {
                return false;
            }
            OffsetAndMetadata position = committed.get(partition);
            long from = position == null ? 0 : position.offset();
            if (from < end && hasRecords(partition, from, end)) {
                return false;
            }
        }
        return true;
    }

    /** Whether committed records (not only transaction markers) lie in [from, end). */
    private boolean hasRecords(TopicPartition partition, long from, long end) {
        reader.assign(Set.of(partition));
        reader.seek(partition, from);
        for (int i = 0; i < POLLS_PER_PARTITION_MAX; i++) {
            if (!reader.poll(POLL).isEmpty()) {
                return true;
            }
            if (reader.position(partition) >= end) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        reader.close();
        admin.close(Duration.ofSeconds(5));
    }
}
