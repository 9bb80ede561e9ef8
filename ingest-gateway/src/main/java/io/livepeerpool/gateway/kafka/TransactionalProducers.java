package io.livepeerpool.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atomic batch writes by group commit: each request's records are written in one Kafka transaction, so
 * {@code read_committed} consumers see all of them or none, and the requests that arrive while transactions are in
 * flight share the next one. A transaction costs the broker the same (partitions added, commit, a marker on every
 * partition touched) whether it carries one batch or fifty, so under load the transaction rate stays at a few
 * hundred per second however many batch requests arrive.
 *
 * <p>A few committers ({@code size}), each a thread owning one transactional producer, take turns gathering the
 * waiting requests within {@link GroupLimits}, then begin, send, commit and answer every request of the group. If
 * the transaction fails, every request of it gets the same {@link PublishFailed} and the abort leaves none of their
 * records visible. A request never spans two transactions; a request that gave up waiting before a committer took it
 * is not written.
 *
 * <p>Transactional ids are {@code <prefix>-0 .. <prefix>-(size-1)}: stable across restarts of the same instance,
 * so a restarted gateway fences its previous incarnation and aborts what that left open. The prefix must differ
 * between gateway instances running at the same time. A producer whose transaction failed is closed and replaced
 * by a fresh one (with the same id) for the next group, which is the recovery Kafka documents for every failure
 * kind, fencing included.
 */
public final class TransactionalProducers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionalProducers.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    /** Requests queued beyond those in flight; past it a batch request gets 503 at once rather than a long queue. */
    private static final int QUEUED_REQUESTS_MAX = 4_096;

    private final Function<String, Producer<String, byte[]>> factory;
    private final GroupLimits limits;
    private final Duration waitTimeout;
    private final TransactionMetrics metrics;
    private final LinkedBlockingDeque<PendingWrite> waiting = new LinkedBlockingDeque<>();
    private final Semaphore queueRoom = new Semaphore(QUEUED_REQUESTS_MAX);
    /** Held by the one committer gathering a group; the others are sending or committing theirs meanwhile. */
    private final ReentrantLock gathering = new ReentrantLock();
    private final List<Committer> committers;
    private volatile boolean closed;

    /**
     * {@code factory} makes a producer configured with the given transactional id; {@code waitTimeout} bounds both
     * the wait for a committer and (twice, plus a second) the transaction once taken, as the producer's own
     * {@code max.block.ms} and delivery timeout do.
     */
    public TransactionalProducers(Function<String, Producer<String, byte[]>> factory, String transactionalIdPrefix,
                                  int size, GroupLimits limits, Duration waitTimeout, TransactionMetrics metrics) {
        this.factory = factory;
        this.limits = limits;
        this.waitTimeout = waitTimeout;
        this.metrics = metrics;
        List<Committer> list = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            list.add(new Committer(transactionalIdPrefix + "-" + i));
        }
        this.committers = List.copyOf(list);
        committers.forEach(c -> c.thread.start());
    }

    /** Writes every record in one transaction; returns after its commit, or throws {@link PublishFailed}. */
    public void sendAtomically(List<ProducerRecord<String, byte[]>> records) {
        PendingWrite write = new PendingWrite(records);
        if (closed || !queueRoom.tryAcquire()) {
            throw new PublishFailed(closed ? "the gateway is stopping" : QUEUED_REQUESTS_MAX + " batch requests are already waiting for Kafka");
        }
        waiting.add(write);
        try {
            try {
                write.outcome().get(waitTimeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (write.abandon()) {
                    queueRoom.release();
                    waiting.remove(write);
                    throw new PublishFailed("no Kafka transaction took the batch within " + waitTimeout.toMillis() + " ms");
                }
            }
            // A committer took it: the producer's own timeouts end the transaction; the margin covers a stuck thread.
            write.outcome().get(2 * waitTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new PublishFailed("the Kafka transaction did not end within " + (3 * waitTimeout.toMillis() + 1_000) + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PublishFailed failed) {
                throw failed;
            }
            throw new PublishFailed("Kafka transaction failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailed("interrupted while waiting for Kafka");
        }
    }

    /** One transactional producer and the thread that runs its transactions, one group at a time. */
    private final class Committer implements Runnable {
        final String transactionalId;
        final Thread thread;
        Producer<String, byte[]> producer;

        Committer(String transactionalId) {
            this.transactionalId = transactionalId;
            this.thread = Thread.ofPlatform().daemon().name("tx-" + transactionalId).unstarted(this);
        }

        @Override
        public void run() {
            while (!closed) {
                List<PendingWrite> group;
                try {
                    group = gather();
                } catch (InterruptedException e) {
                    break;
                }
                if (!group.isEmpty()) {
                    commit(group);
                }
            }
            closeProducer();
        }

        /** The next group: the first waiting request, then those behind it that fit, waiting up to maxWait for more. */
        private List<PendingWrite> gather() throws InterruptedException {
            if (!gathering.tryLock(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                return List.of();
            }
            try {
                List<PendingWrite> group = new ArrayList<>();
                int records = 0;
                long bytes = 0;
                long deadline = 0;
                while (true) {
                    PendingWrite next;
                    if (group.isEmpty()) {
                        next = waiting.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                        if (next == null) {
                            return group;
                        }
                    } else {
                        long left = deadline - System.nanoTime();
                        next = left > 0 ? waiting.poll(left, TimeUnit.NANOSECONDS) : waiting.poll();
                        if (next == null) {
                            return group;
                        }
                        if (!limits.fits(records, bytes, next)) {
                            waiting.addFirst(next); // the head of the next group: order is kept
                            return group;
                        }
                    }
                    if (!next.claim()) {
                        continue; // its request gave up waiting and was answered 503: not written
                    }
                    queueRoom.release();
                    if (group.isEmpty()) {
                        deadline = System.nanoTime() + limits.maxWait().toNanos();
                    }
                    group.add(next);
                    records += next.records().size();
                    bytes += next.bytes();
                }
            } finally {
                gathering.unlock();
            }
        }

        private void commit(List<PendingWrite> group) {
            int records = group.stream().mapToInt(w -> w.records().size()).sum();
            long started = System.nanoTime();
            try {
                if (producer == null) {
                    producer = start(transactionalId);
                }
                producer.beginTransaction();
                for (PendingWrite write : group) {
                    for (ProducerRecord<String, byte[]> record : write.records()) {
                        producer.send(record); // a failed send fails the commit
                    }
                }
                producer.commitTransaction();
            } catch (RuntimeException e) {
                // Kafka's failures, and anything unexpected: the committer must survive to serve the next group.
                discard();
                metrics.aborted(group.size(), records, Duration.ofNanos(System.nanoTime() - started));
                log.warn("Kafka transaction of {} failed, {} batch requests ({} records) answered 503: {}",
                        transactionalId, group.size(), records, e.toString());
                PublishFailed failed = new PublishFailed("Kafka transaction failed: " + e.getMessage());
                group.forEach(w -> w.outcome().completeExceptionally(failed));
                return;
            }
            metrics.committed(group.size(), records, Duration.ofNanos(System.nanoTime() - started));
            group.forEach(w -> w.outcome().complete(null));
        }

        private Producer<String, byte[]> start(String id) {
            Producer<String, byte[]> fresh = factory.apply(id);
            try {
                fresh.initTransactions();
                return fresh;
            } catch (KafkaException e) {
                fresh.close(Duration.ZERO);
                throw e;
            }
        }

        /** Aborts what it can and drops the producer; its successor's initTransactions aborts anything left open. */
        private void discard() {
            if (producer == null) {
                return;
            }
            try {
                producer.abortTransaction();
            } catch (KafkaException | IllegalStateException e) {
                log.debug("abort of {} failed: {}", transactionalId, e.toString());
            }
            producer.close(Duration.ZERO);
            producer = null;
        }

        private void closeProducer() {
            if (producer != null) {
                producer.close(CLOSE_TIMEOUT);
                producer = null;
            }
        }
    }

    @Override
    public void close() {
        // Called after the HTTP server has stopped, so normally nothing waits; whatever does gets a 503.
        closed = true;
        for (Committer committer : committers) {
            try {
                committer.thread.join(CLOSE_TIMEOUT.toMillis() + IDLE_POLL.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        PublishFailed stopping = new PublishFailed("the gateway is stopping");
        for (PendingWrite write; (write = waiting.poll()) != null; ) {
            if (write.claim()) {
                write.outcome().completeExceptionally(stopping);
            }
        }
    }
}
