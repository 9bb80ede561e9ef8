package io.livepeerpool.ledger.streams.maxfloat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;
import io.livepeerpool.schemas.avro.ChainEvent;

/**
 * Partitions the max-float inputs by sender, and sends every chain event to every partition: a NewRound must reach
 * every sender, and each partition keeps the block up to which it has applied chain events, so that a sender seen
 * for the first time is read from the chain at a block consistent with what the partition already applied. A
 * partition applies a sender's chain event only if it owns the sender ({@link #of}).
 */
final class SenderPartitions implements StreamPartitioner<String, SpecificRecord> {

    /** The partition that owns {@code sender} among {@code partitions}: Kafka's default hash of the key's bytes. */
    static int of(String sender, int partitions) {
        return Utils.toPositive(Utils.murmur2(sender.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, SpecificRecord value, int numPartitions) {
        if (value instanceof ChainEvent) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
        }
        return Optional.of(Set.of(of(key, numPartitions)));
    }
}
