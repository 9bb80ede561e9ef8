package io.livepeerpool.ledger.streams.store;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends each record to every partition of its topic (Kafka Streams multicast): how a NewRound marker reaches every
 * partition. With {@code expectedPartitions > 0}, a topic with another partition count is a broken deployment (the
 * settlement would wait for the wrong number of subtotals) and stops the ledger.
 */
public final class AllPartitions<K, V> implements StreamPartitioner<K, V> {
    private final int expectedPartitions;

    /** @param expectedPartitions the count the ledger was started with, or 0 to accept any */
    public AllPartitions(int expectedPartitions) {
        this.expectedPartitions = expectedPartitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        if (expectedPartitions > 0 && numPartitions != expectedPartitions) {
            throw new IllegalStateException(topic + " has " + numPartitions + " partitions but the ledger was started "
                    + "with " + expectedPartitions + ": its partition count must not change under a running ledger");
        }
        return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
}
