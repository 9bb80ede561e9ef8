package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.chain.contracts.TicketBrokerClient;
import io.livepeerpool.chain.tx.Transactor;
import io.livepeerpool.schemas.avro.MaxFloat;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The time from sending a {@code fundDeposit} transaction to reading the sender's new value on the max-float topic
 * ({@code read_committed}), through the chain watcher and the max float service that must already run. One funding
 * at a time (closed loop), so each sample is one full hop: mined, polled, published, processed, committed. The gRPC
 * {@code MonitorMaxFloat} hop is measured by the redeemer's bench on top of this.
 */
public final class MaxFloatLatencyBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    public record Result(int samples, long p50Micros, long p99Micros, long maxMicros) {
        public List<String> lines() {
            return List.of(String.format("max float: DepositFunded tx -> pool.max-float, %d samples: p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms", samples, p50Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0));
        }
    }

    private MaxFloatLatencyBench() {
    }

    /**
     * @param sender a funded wallet; each sample deposits 1 wei more than the last, so values are distinct
     */
    public static Result run(TicketBrokerClient broker, Transactor sender, String bootstrapServers,
                             SchemaRegistryClient registry, String maxFloatTopic, int samples) {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        String key = sender.address().hex();
        try (KafkaConsumer<String, MaxFloat> consumer = consumer(bootstrapServers, registry, maxFloatTopic)) {
            for (int i = 0; i < samples; i++) {
                BigInteger amount = BigInteger.valueOf(1_000 + i);
                BigInteger expected = broker.senderInfo(sender.address()).deposit().add(amount);
                long start = System.nanoTime();
                broker.fundDeposit(sender, amount).requireSuccess("fundDeposit");
                awaitDeposit(consumer, key, new BigDecimal(expected));
                histogram.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            }
        }
        return new Result(samples, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getMaxValue());
    }

    /** Waits for an update of {@code sender} whose deposit is {@code expected}. */
    private static void awaitDeposit(KafkaConsumer<String, MaxFloat> consumer, String sender, BigDecimal expected) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, MaxFloat> r : consumer.poll(Duration.ofMillis(5))) {
                if (r.key().equals(sender) && r.value().getDeposit().compareTo(expected) == 0) {
                    return;
                }
            }
        }
        throw new IllegalStateException("no max float update for " + sender + " within " + TIMEOUT);
    }

    private static KafkaConsumer<String, MaxFloat> consumer(String bootstrapServers, SchemaRegistryClient registry,
                                                            String topic) {
        KafkaConsumer<String, MaxFloat> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "max-float-bench-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), AvroSerde.forClass(MaxFloat.class, registry).deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
