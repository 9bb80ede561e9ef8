package io.livepeerpool.ledger.audit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads one partition in offset order, from 0 up to a fixed end, in steps: {@link #forEachBelow} hands over the
 * records below an offset and keeps the rest for the next step. A poll that brings nothing for
 * {@value #STALL_POLLS_MAX} polls while records are still expected is an error, never an endless wait.
 */
public final class PartitionCursor<V> implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(200);
    static final int STALL_POLLS_MAX = 150;

    /** What a step hands over: the record's offset and value (never null: a record without a value is refused). */
    public interface Action<V> {
        void accept(long offset, V value);
    }

    private final KafkaConsumer<byte[], V> consumer;
    private final TopicReader.PartitionEnd end;
    private final Deque<ConsumerRecord<byte[], V>> buffer = new ArrayDeque<>();

    PartitionCursor(KafkaConsumer<byte[], V> consumer, TopicReader.PartitionEnd end) {
        this.consumer = consumer;
        this.end = end;
        consumer.assign(List.of(end.partition()));
        consumer.seekToBeginning(List.of(end.partition()));
    }

    /** Hands over, in order, every record with {@code offset < limit} not handed over yet (up to the end). */
    public void forEachBelow(long limit, Action<V> action) {
        long stop = Math.min(limit, end.end());
        int stalled = 0;
        while (true) {
            while (!buffer.isEmpty() && buffer.peekFirst().offset() < stop) {
                ConsumerRecord<byte[], V> record = buffer.pollFirst();
                if (record.value() == null) {
                    throw new ExportException(end.partition() + "@" + record.offset() + ": a record without a value");
                }
                action.accept(record.offset(), record.value());
            }
            if (!buffer.isEmpty() || consumer.position(end.partition()) >= stop) {
                return;
            }
            long before = consumer.position(end.partition());
            for (ConsumerRecord<byte[], V> record : consumer.poll(POLL)) {
                if (record.offset() < end.end()) {
                    buffer.addLast(record);
                }
            }
            long after = consumer.position(end.partition());
            stalled = after > before ? 0 : stalled + 1;
            if (after < stop && stalled > STALL_POLLS_MAX) {
                throw new ExportException(end.partition() + ": no records for " + STALL_POLLS_MAX + " polls at offset "
                        + consumer.position(end.partition()) + ", below the end " + end.end());
            }
        }
    }

    public void forEachRemaining(Action<V> action) {
        forEachBelow(Long.MAX_VALUE, action);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
