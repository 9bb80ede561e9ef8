package io.livepeerpool.gateway.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small fixed pool of transactional producers, one batch at a time each, so that a batch of records is written
 * atomically: {@code read_committed} consumers see all of it or none of it, whatever fails midway.
 *
 * <p>Transactional ids are {@code <prefix>-0 .. <prefix>-(size-1)}: stable across restarts of the same instance,
 * so a restarted gateway fences its previous incarnation and aborts what that left open. The prefix must differ
 * between gateway instances running at the same time. A producer whose transaction failed is closed and replaced
 * by a fresh one (with the same id) on its next use, which is the recovery Kafka documents for every failure kind.
 */
public final class TransactionalProducers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionalProducers.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final class Slot {
        final String transactionalId;
        Producer<String, byte[]> producer;

        Slot(String transactionalId) {
            this.transactionalId = transactionalId;
        }
    }

    private final Function<String, Producer<String, byte[]>> factory;
    private final BlockingQueue<Slot> idle;
    private final List<Slot> all;
    private final Duration borrowTimeout;

    /** {@code factory} makes a producer configured with the given transactional id. */
    public TransactionalProducers(Function<String, Producer<String, byte[]>> factory, String transactionalIdPrefix,
                                  int size, Duration borrowTimeout) {
        this.factory = factory;
        this.borrowTimeout = borrowTimeout;
        this.all = java.util.stream.IntStream.range(0, size).mapToObj(i -> new Slot(transactionalIdPrefix + "-" + i)).toList();
        this.idle = new ArrayBlockingQueue<>(size, false, all);
    }

    /** Writes every record in one transaction; returns after the commit, or throws {@link PublishFailed}. */
    public void sendAtomically(List<ProducerRecord<String, byte[]>> records) {
        Slot slot = borrow();
        try {
            if (slot.producer == null) {
                slot.producer = start(slot.transactionalId);
            }
            slot.producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                slot.producer.send(record);
            }
            slot.producer.commitTransaction();
        } catch (KafkaException | IllegalStateException e) {
            discard(slot);
            throw new PublishFailed("Kafka transaction failed: " + e.getMessage());
        } finally {
            idle.add(slot);
        }
    }

    private Slot borrow() {
        try {
            Slot slot = idle.poll(borrowTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (slot == null) {
                throw new PublishFailed("all " + all.size() + " transactional producers are busy");
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while waiting for a transactional producer");
        }
    }

    private Producer<String, byte[]> start(String transactionalId) {
        Producer<String, byte[]> producer = factory.apply(transactionalId);
        try {
            producer.initTransactions();
            return producer;
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    /** Aborts what it can and drops the producer; its successor's initTransactions aborts anything left open. */
    private void discard(Slot slot) {
        if (slot.producer == null) {
            return;
        }
        try {
            slot.producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            log.debug("abort of {} failed: {}", slot.transactionalId, e.toString());
        }
        slot.producer.close(Duration.ZERO);
        slot.producer = null;
    }

    @Override
    public void close() {
        // Called after the HTTP server has stopped, so no batch is in flight.
        for (Slot slot : all) {
            if (slot.producer != null) {
                slot.producer.close(CLOSE_TIMEOUT);
                slot.producer = null;
            }
        }
    }
}
