package io.livepeerpool.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The group commit's gathering and recovery logic, with Kafka's own MockProducer standing in for the broker. */
class TransactionalProducersTest {
    static final GroupLimits UNBOUNDED = new GroupLimits(10_000, 1L << 30, Duration.ZERO);

    final List<MockProducer<String, byte[]>> made = new CopyOnWriteArrayList<>();
    final List<String> ids = new CopyOnWriteArrayList<>();
    final TransactionMetrics metrics = new TransactionMetrics(new SimpleMeterRegistry());
    final List<TransactionalProducers> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(TransactionalProducers::close);
    }

    TransactionalProducers pool(int size, GroupLimits limits, Function<String, MockProducer<String, byte[]>> factory) {
        TransactionalProducers pool = new TransactionalProducers(id -> {
            ids.add(id);
            MockProducer<String, byte[]> producer = factory.apply(id);
            made.add(producer);
            return producer;
        }, "gw-test", size, limits, Duration.ofSeconds(2), metrics);
        pools.add(pool);
        return pool;
    }

    TransactionalProducers pool(int size) {
        return pool(size, UNBOUNDED, id -> plain());
    }

    static MockProducer<String, byte[]> plain() {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    }

    /** A producer whose commits wait for {@code gate}, so that requests pile up behind a transaction in flight. */
    static MockProducer<String, byte[]> gated(CountDownLatch inCommit, CountDownLatch gate) {
        return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public void commitTransaction() {
                inCommit.countDown();
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.commitTransaction();
            }
        };
    }

    static List<ProducerRecord<String, byte[]>> records(String tag, int n) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new ProducerRecord<>("t", tag + i, new byte[] {(byte) i}));
        }
        return records;
    }

    static CompletableFuture<Void> async(TransactionalProducers pool, List<ProducerRecord<String, byte[]>> records) {
        return CompletableFuture.runAsync(() -> pool.sendAtomically(records), Thread::startVirtualThread);
    }

    @Test
    void aBatchIsOneCommittedTransaction() {
        TransactionalProducers pool = pool(2);

        pool.sendAtomically(records("a", 3));

        MockProducer<String, byte[]> producer = made.get(0);
        assertThat(producer.transactionInitialized()).isTrue();
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.history()).hasSize(3);
        assertThat(ids).hasSize(1).allMatch(id -> id.startsWith("gw-test-"));
        assertThat(metrics.committedCount()).isEqualTo(1);
    }

    @Test
    void requestsArrivingWhileATransactionIsInFlightShareTheNext() throws Exception {
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        TransactionalProducers pool = pool(1, UNBOUNDED, id -> gated(inCommit, gate));
        CompletableFuture<Void> first = async(pool, records("first", 2));
        assertThat(inCommit.await(5, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Void>> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            later.add(async(pool, records("later" + i + "-", 3)));
        }
        Thread.sleep(300); // all ten queued behind the first transaction
        gate.countDown();
        first.get(5, TimeUnit.SECONDS);
        CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(metrics.committedCount()).isEqualTo(2);
        assertThat(metrics.largestGroup()).isEqualTo(10);
        assertThat(made.get(0).history()).hasSize(2 + 30);
    }

    @Test
    void aGroupStopsBeforeTheRequestThatWouldPassTheRecordLimitAndARequestIsNeverSplit() throws Exception {
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        TransactionalProducers pool = pool(1, new GroupLimits(10, 1L << 30, Duration.ZERO), id -> gated(inCommit, gate));
        CompletableFuture<Void> first = async(pool, records("first", 1));
        assertThat(inCommit.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> later = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            later.add(async(pool, records("r" + i + "-", 4))); // 4 + 4 fit in 10, a third does not
            Thread.sleep(50);
        }
        later.add(async(pool, records("big", 25))); // larger than the limit: goes alone
        Thread.sleep(300);
        gate.countDown();
        first.get(5, TimeUnit.SECONDS);
        CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        // first; r0+r1; r2+r3; big
        assertThat(metrics.committedCount()).isEqualTo(4);
        assertThat(made.get(0).history()).hasSize(1 + 16 + 25);
    }

    @Test
    void aFailedCommitFailsEveryRequestOfTheGroupAndTheProducerIsReplacedUnderTheSameId() throws Exception {
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger commits = new AtomicInteger();
        TransactionalProducers pool = pool(1, UNBOUNDED, id -> !made.isEmpty() ? plain()
                : new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
                    @Override
                    public void commitTransaction() {
                        if (commits.incrementAndGet() > 1) {
                            throw new KafkaException("broker went away"); // the group's commit
                        }
                        inCommit.countDown();
                        try {
                            gate.await(5, TimeUnit.SECONDS); // the first, held while the group queues
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        super.commitTransaction();
                    }
                });
        CompletableFuture<Void> first = async(pool, records("first", 1));
        assertThat(inCommit.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> group = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            group.add(async(pool, records("g" + i + "-", 2)));
        }
        Thread.sleep(300);
        gate.countDown();

        for (CompletableFuture<Void> f : group) {
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(PublishFailed.class)
                    .hasMessageContaining("broker went away");
        }
        first.get(5, TimeUnit.SECONDS);
        assertThat(metrics.largestGroup()).isEqualTo(3);
        assertThat(made.get(0).transactionAborted()).isTrue();
        assertThat(made.get(0).closed()).isTrue();
        pool.sendAtomically(records("after", 2));
        assertThat(made).hasSize(2);
        assertThat(ids).containsExactly("gw-test-0", "gw-test-0");
        assertThat(made.get(1).transactionCommitted()).isTrue();
        assertThat(metrics.abortedCount()).isEqualTo(1);
    }

    @Test
    void aProducerThatCannotStartIsClosedAndRetriedForTheNextGroup() {
        TransactionalProducers pool = pool(1, UNBOUNDED, id -> {
            MockProducer<String, byte[]> producer = plain();
            if (made.isEmpty()) {
                producer.initTransactionException = new org.apache.kafka.common.errors.TimeoutException("no broker");
            }
            return producer;
        });

        assertThatThrownBy(() -> pool.sendAtomically(records("a", 1))).isInstanceOf(PublishFailed.class);
        pool.sendAtomically(records("b", 1));

        assertThat(made).hasSize(2);
        assertThat(made.get(0).closed()).isTrue();
        assertThat(made.get(1).transactionCommitted()).isTrue();
    }

    @Test
    void aRequestThatGaveUpWaitingIsNotWritten() throws Exception {
        CountDownLatch inCommit = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        TransactionalProducers pool = new TransactionalProducers(id -> {
            MockProducer<String, byte[]> producer = gated(inCommit, gate);
            made.add(producer);
            return (Producer<String, byte[]>) producer;
        }, "gw-test", 1, UNBOUNDED, Duration.ofMillis(300), metrics);
        pools.add(pool);
        CompletableFuture<Void> first = async(pool, records("first", 1));
        assertThat(inCommit.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> pool.sendAtomically(records("late", 5))).isInstanceOf(PublishFailed.class)
                .hasMessageContaining("no Kafka transaction took the batch");
        gate.countDown();
        first.get(5, TimeUnit.SECONDS);
        pool.sendAtomically(records("next", 1));

        assertThat(made.get(0).history()).extracting(ProducerRecord::key).containsExactly("first0", "next0");
    }
}
