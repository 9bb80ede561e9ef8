package io.livepeerpool.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.gateway.TestGateway;
import io.livepeerpool.gateway.TopicProbe;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.topics.Topics;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;

/**
 * Group commit against the real broker: batch requests that arrive while a transaction is in flight share the next;
 * a group whose transaction fails after its records reached the broker (an injected commit failure, or fencing by a
 * second producer with the same transactional id) fails every request of it and leaves nothing a
 * {@code read_committed} consumer can see, and the pool recovers for the next group.
 */
class AtomicBatchTest {
    static Devstack devstack;
    static TopicProbe<TranscoderJob> committed;
    static TopicProbe<TranscoderJob> uncommitted;
    static SchemaRegistryClient registry;
    static Serializer<TranscoderJob> serializer;

    static ProducerSettings SETTINGS;

    @BeforeAll
    static void start() throws Exception {
        devstack = TestGateway.devstack();
        SETTINGS = new ProducerSettings(devstack.bootstrapServers(), Duration.ofSeconds(10), "atomic-test", 5, 1);
        committed = new TopicProbe<>(devstack, Topics.TRANSCODER_JOBS);
        uncommitted = new TopicProbe<>(devstack, Topics.TRANSCODER_JOBS, "read_uncommitted");
        registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        serializer = AvroSerde.forTopic(Topics.TRANSCODER_JOBS, registry).serializer();
    }

    @AfterAll
    static void stop() {
        if (committed != null) {
            committed.close();
        }
        if (uncommitted != null) {
            uncommitted.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    /**
     * A real producer that runs {@code beforeCommit} (once, if it is set) just before its next commit, after flushing
     * so that the transaction's records are on the broker; the hook may throw, as a lost connection would.
     */
    @SuppressWarnings("unchecked")
    static Producer<String, byte[]> withHook(Producer<String, byte[]> real, AtomicReference<Runnable> beforeCommit) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("commitTransaction")) {
                Runnable hook = beforeCommit.getAndSet(null);
                if (hook != null) {
                    real.flush(); // the records are on the broker, inside the open transaction
                    hook.run();
                }
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Producer<String, byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(),
                new Class<?>[] {Producer.class}, handler);
    }

    /** Starts {@code n} batch requests of 5 records each, tagged {@code tag}, from threads of their own. */
    static List<CompletableFuture<Void>> requests(TransactionalProducers pool, String tag, int n) {
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<ProducerRecord<String, byte[]>> records = batch(tag, 5);
            requests.add(CompletableFuture.runAsync(() -> pool.sendAtomically(records), Thread::startVirtualThread));
        }
        return requests;
    }

    /** Holds the first transaction at its commit until released, so that the requests sent meanwhile queue up. */
    record Held(CountDownLatch reached, CountDownLatch release) implements Runnable {
        Held() {
            this(new CountDownLatch(1), new CountDownLatch(1));
        }

        @Override
        public void run() {
            reached.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    TransactionalProducers pool(String prefix, AtomicReference<Runnable> hook, TransactionMetrics metrics) {
        return new TransactionalProducers(id -> withHook(new KafkaProducer<>(SETTINGS.transactional(id)), hook),
                prefix, 1, new GroupLimits(10_000, 8L << 20, Duration.ZERO), Duration.ofSeconds(10), metrics);
    }

    static List<ProducerRecord<String, byte[]>> batch(String tag, int n) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String transcoder = "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
            TranscoderJob job = TranscoderJob.newBuilder().setRequestId(tag).setOrchestrator(TestGateway.ORCH_A.hex())
                    .setKeyId("k").setReceivedAt(Instant.now()).setJobId(tag + "-" + i).setTranscoder(transcoder)
                    .setPixels(1).setDurationMs(1000).setProfiles(1).setRoundJob(1).setFaceValue(BigDecimal.ZERO).build();
            records.add(new ProducerRecord<>(Topics.TRANSCODER_JOBS.name(), transcoder,
                    serializer.serialize(Topics.TRANSCODER_JOBS.name(), job)));
        }
        return records;
    }

    @Test
    void aFailureBetweenSendsAndCommitLeavesNothingVisibleAndTheNextBatchCommits() throws Exception {
        AtomicReference<Runnable> hook = new AtomicReference<>(() -> {
            throw new KafkaException("injected: connection lost before commit");
        });
        try (TransactionalProducers pool = pool("atomic-test-" + UUID.randomUUID(), hook, metrics())) {
            committed.mark();
            uncommitted.mark();

            assertThatThrownBy(() -> pool.sendAtomically(batch("aborted", 20))).isInstanceOf(PublishFailed.class)
                    .hasMessageContaining("injected");
            pool.sendAtomically(batch("committed", 3));

            var seen = committed.await(r -> r.value().getRequestId().equals("committed"), 3, Duration.ofSeconds(10));
            assertThat(seen).hasSize(3);
            assertThat(committed.sinceMark()).noneMatch(r -> r.value().getRequestId().equals("aborted"));
            // they did reach the broker: only the transaction's abort hides them
            assertThat(uncommitted.sinceMark()).filteredOn(r -> r.value().getRequestId().equals("aborted")).hasSize(20);
        }
    }

    @Test
    void concurrentRequestsShareOneTransaction() throws Exception {
        Held held = new Held();
        AtomicReference<Runnable> hook = new AtomicReference<>(held);
        TransactionMetrics metrics = metrics();
        String tag = "grouped-" + UUID.randomUUID();
        try (TransactionalProducers pool = pool("group-test-" + UUID.randomUUID(), hook, metrics)) {
            committed.mark();
            List<CompletableFuture<Void>> first = requests(pool, tag, 1);
            assertThat(held.reached().await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> queued = requests(pool, tag, 20);
            Thread.sleep(500); // all twenty wait behind the held transaction
            held.release().countDown();
            CompletableFuture.allOf(first.get(0), CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)))
                    .get(20, TimeUnit.SECONDS);

            assertThat(metrics.committedCount()).isEqualTo(2); // 21 requests, 2 transactions
            assertThat(metrics.largestGroup()).isEqualTo(20);
            assertThat(committed.await(r -> r.value().getRequestId().equals(tag), 105, Duration.ofSeconds(10))).hasSize(105);
        }
    }

    @Test
    void aGroupFencedByASecondProducerWithItsIdFailsEveryRequestAndLeavesNothingVisible() throws Exception {
        String prefix = "fence-test-" + UUID.randomUUID();
        Held held = new Held();
        TransactionMetrics metrics = metrics();
        String tag = "fenced-" + UUID.randomUUID();
        AtomicReference<Runnable> hook = new AtomicReference<>(held);
        try (TransactionalProducers pool = pool(prefix, hook, metrics);
             KafkaProducer<String, byte[]> intruder = new KafkaProducer<>(SETTINGS.transactional(prefix + "-0"))) {
            committed.mark();
            uncommitted.mark();
            List<CompletableFuture<Void>> first = requests(pool, "before-" + tag, 1);
            assertThat(held.reached().await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> group = requests(pool, tag, 8);
            Thread.sleep(500);
            // The group's transaction: sent, then fenced by another producer taking the same transactional id.
            hook.set(intruder::initTransactions);
            held.release().countDown();
            first.get(0).get(20, TimeUnit.SECONDS);
            for (CompletableFuture<Void> request : group) {
                assertThatThrownBy(() -> request.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(PublishFailed.class);
            }
            assertThat(metrics.abortedCount()).isEqualTo(1);
            assertThat(metrics.largestGroup()).isEqualTo(8);

            // The pool recovers: a fresh producer under the same id fences the intruder in turn.
            String after = "after-" + tag;
            pool.sendAtomically(batch(after, 4));
            assertThat(committed.await(r -> r.value().getRequestId().equals(after), 4, Duration.ofSeconds(10))).hasSize(4);
            assertThat(committed.sinceMark()).noneMatch(r -> r.value().getRequestId().equals(tag));
            assertThat(uncommitted.sinceMark()).filteredOn(r -> r.value().getRequestId().equals(tag)).hasSize(40);
        }
    }

    static TransactionMetrics metrics() {
        return new TransactionMetrics(new SimpleMeterRegistry());
    }
}
