package io.livepeerpool.gateway.kafka;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One request's records waiting for a transaction. Exactly one of two parties wins it: a committer that takes it
 * into a transaction ({@link #claim()}), or the request thread that gave up waiting ({@link #abandon()}), so a
 * request answered 503 for waiting too long is never written afterwards.
 */
final class PendingWrite {
    private static final int WAITING = 0;
    private static final int CLAIMED = 1;
    private static final int ABANDONED = 2;

    private final List<ProducerRecord<String, byte[]>> records;
    private final long bytes;
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    private final AtomicInteger state = new AtomicInteger(WAITING);

    PendingWrite(List<ProducerRecord<String, byte[]>> records) {
        this.records = records;
        long sum = 0;
        for (ProducerRecord<String, byte[]> record : records) {
            sum += (record.key() == null ? 0 : record.key().length()) + (record.value() == null ? 0 : record.value().length);
        }
        this.bytes = sum;
    }

    List<ProducerRecord<String, byte[]>> records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    CompletableFuture<Void> outcome() {
        return outcome;
    }

    boolean claim() {
        return state.compareAndSet(WAITING, CLAIMED);
    }

    boolean abandon() {
        return state.compareAndSet(WAITING, ABANDONED);
    }
}
