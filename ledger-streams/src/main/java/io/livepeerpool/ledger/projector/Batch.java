package io.livepeerpool.ledger.projector;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll's worth of records, decoded: the rows to write, the records already known to be unusable, and for every
 * partition the offset to resume from once this batch is committed.
 *
 * @param rows        decoded values in offset order within each partition
 * @param skipped     records that could not be decoded
 * @param nextOffsets per partition, last offset in the batch + 1
 */
record Batch(List<Row<?>> rows, List<Skip> skipped, Map<TopicPartition, Long> nextOffsets) {

    record Row<V>(ProjectedTopic<V> topic, V value, RecordOrigin origin) {

        Skip skip(String reason) {
            return new Skip(topic.name(), origin.partition(), origin.offset(), reason);
        }
    }

    Batch {
        rows = List.copyOf(rows);
        skipped = List.copyOf(skipped);
        nextOffsets = Map.copyOf(nextOffsets);
    }

    int size() {
        return rows.size() + skipped.size();
    }
}
