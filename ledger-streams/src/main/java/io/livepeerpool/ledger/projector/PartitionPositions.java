package io.livepeerpool.ledger.projector;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each assigned partition resumes: on assignment, the consumer is moved to the {@code next_offset} stored in
 * PostgreSQL (or the beginning), never to Kafka's committed offsets. A partition whose stored offset could not be read
 * yet (database down during the rebalance) is "pending": records polled from it are not projected until it has been
 * restored. Used only on the consumer thread (Kafka calls the listener from inside {@code poll}).
 */
final class PartitionPositions implements ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(PartitionPositions.class);

    private final Consumer<?, ?> consumer;
    private final OffsetStore store;
    /** The stored next offset of every assigned, restored partition, as of this projector's last commit. */
    private final Map<TopicPartition, Long> stored = new HashMap<>();
    private final Set<TopicPartition> pending = new HashSet<>();

    PartitionPositions(Consumer<?, ?> consumer, OffsetStore store) {
        this.consumer = consumer;
        this.store = store;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        pending.addAll(partitions);
        try {
            restorePending();
        } catch (SQLException e) {
            log.warn("cannot read stored offsets for {} yet, will retry: {}", partitions, e.getMessage());
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // nothing to commit: every batch was committed with its offsets before the next poll
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    void markPending(Collection<TopicPartition> partitions) {
        pending.addAll(partitions);
    }

    /** Seeks every pending partition to its stored offset; throws, leaving them pending, if the database fails. */
    void restorePending() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> loaded = store.load(pending);
        loaded.forEach(this::seek);
        log.info("resuming from stored offsets {}", loaded);
        pending.removeAll(loaded.keySet());
    }

    /** Moves these partitions back to where the last commit left them, dropping whatever was polled since. */
    void rewind(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Long next = stored.get(partition);
            if (next != null) {
                seek(partition, next);
            }
        }
    }

    /** Re-reads every assigned partition from the database, e.g. after another instance moved the offsets. */
    void reloadAll() throws SQLException {
        pending.addAll(consumer.assignment());
        restorePending();
    }

    /** The stored offsets a batch must start from, for {@link OffsetStore#save}. */
    Map<TopicPartition, Long> expected(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> expected = new HashMap<>();
        partitions.forEach(p -> expected.put(p, stored.getOrDefault(p, OffsetStore.NOT_STORED)));
        return expected;
    }

    void committed(Map<TopicPartition, Long> nextOffsets) {
        stored.putAll(nextOffsets);
    }

    private void seek(TopicPartition partition, long next) {
        stored.put(partition, next);
        if (next == OffsetStore.NOT_STORED) {
            consumer.seekToBeginning(List.of(partition));
        } else {
            consumer.seek(partition, next);
        }
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(stored::remove);
        pending.removeAll(partitions);
    }
}
