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
import java.util.concurrent.atomic.AtomicBoolean;
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
 * A batch whose transaction fails after its records reached the broker leaves nothing a {@code read_committed}
 * consumer can see, and the pool recovers for the next batch. Real broker; the failure is injected at commit.
 */
class AtomicBatchTest {
    static Devstack devstack;
    static TopicProbe<TranscoderJob> committed;
    static TopicProbe<TranscoderJob> uncommitted;
    static SchemaRegistryClient registry;
    static Serializer<TranscoderJob> serializer;

    @BeforeAll
    static void start() throws Exception {
        devstack = TestGateway.devstack();
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

    /** A real producer whose next commit fails once, as if the broker went away between the sends and the commit. */
    @SuppressWarnings("unchecked")
    static Producer<String, byte[]> failingOnce(Producer<String, byte[]> real, AtomicBoolean fail) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("commitTransaction") && fail.getAndSet(false)) {
                real.flush(); // the records are on the broker, inside the open transaction
                throw new KafkaException("injected: connection lost before commit");
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
        ProducerSettings settings = new ProducerSettings(devstack.bootstrapServers(), Duration.ofSeconds(10), "atomic-test", 5);
        AtomicBoolean fail = new AtomicBoolean(true);
        try (TransactionalProducers pool = new TransactionalProducers(
                id -> failingOnce(new KafkaProducer<>(settings.transactional(id)), fail),
                "atomic-test-" + UUID.randomUUID(), 1, Duration.ofSeconds(5))) {
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
}
