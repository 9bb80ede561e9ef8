package io.livepeerpool.chainwatcher;

import io.livepeerpool.chain.dev.DevNetwork;
import io.livepeerpool.devstack.Devstack;
import io.livepeerpool.devstack.SharedDevstack;
import io.livepeerpool.platform.config.ConfigSource;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroDeserializer;
import io.livepeerpool.schemas.serde.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A watcher on a dev network and the shared devstack, with its own topics (suffix = test name + random id), built
 * through the production configuration path ({@link ChainWatcherConfig#load}).
 */
final class WatcherFixture implements AutoCloseable {
    final DevNetwork net;
    final Devstack devstack;
    final WatcherTopics topics;
    final SchemaRegistryClient registry;
    private final AvroDeserializer<ChainEvent> events;
    private final List<ChainWatcher> watchers = new ArrayList<>();

    WatcherFixture(DevNetwork net, String testName) throws Exception {
        this.net = net;
        this.devstack = SharedDevstack.get();
        this.topics = WatcherTopics.catalogue().withSuffix(testName + "-" + UUID.randomUUID().toString().substring(0, 8));
        devstack.createTopics(topics.newTopics((short) 1));
        this.registry = SchemaRegistryClient.connect(devstack.schemaRegistryUrl());
        this.events = AvroSerde.forTopic(topics.events(), registry).deserializer();
    }

    /** Dev defaults: 1 confirmation, start at the deployment, 50 ms polls, short backoff; {@code overrides} win. */
    Map<String, String> config(String watcherId, String rpcUrl, Map<String, String> overrides) {
        Map<String, String> c = new HashMap<>();
        c.put("chain.rpcUrl", rpcUrl);
        c.put("chain.ticketBroker", net.contracts().ticketBroker().hex());
        c.put("chain.roundsManager", net.contracts().roundsManager().hex());
        c.put("chain.bondingManager", net.contracts().bondingManager().hex());
        c.put("chain.startBlock", net.contracts().deployBlock().add(java.math.BigInteger.ONE).toString());
        c.put("chain.confirmations", "1");
        c.put("chain.pollIntervalMs", "50");
        c.put("chain.rpcTimeoutMs", "5000");
        c.put("kafka.bootstrapServers", devstack.bootstrapServers());
        c.put("schemaRegistry.url", devstack.schemaRegistryUrl());
        c.put("chainWatcher.id", watcherId);
        c.put("chainWatcher.retryBackoffMinMs", "20");
        c.put("chainWatcher.retryBackoffMaxMs", "500");
        c.put("chainWatcher.kafkaTimeoutMs", "15000");
        c.putAll(overrides);
        return c;
    }

    ChainWatcher watcher(String watcherId, Map<String, String> overrides) {
        return watcher(config(watcherId, net.chain().rpcUrl(), overrides));
    }

    ChainWatcher watcher(Map<String, String> config) {
        WatcherSettings settings = ChainWatcherConfig.settings(ChainWatcherConfig.load(ConfigSource.of(config)));
        ChainWatcher watcher = ChainWatcher.create(settings, topics, new SimpleMeterRegistry());
        watchers.add(watcher);
        return watcher;
    }

    /** Waits until {@code watcher} has committed every block up to {@code block}. */
    static void awaitCursor(ChainWatcher watcher, long block, Duration timeout) {
        Await.until("cursor >= " + block, timeout,
                () -> watcher.cursor().map(c -> c.getLastEmittedBlock() >= block).orElse(false),
                () -> "cursor " + watcher.cursor().map(c -> Long.toString(c.getLastEmittedBlock())).orElse("none")
                        + ", healthy " + watcher.healthy() + ", halted " + watcher.halted());
    }

    long head() {
        return net.reader().blockNumber().longValueExact();
    }

    /** Every record of the events topic, in offset order, as a consumer with {@code isolation} sees it. */
    List<ConsumerRecord<String, ChainEvent>> readEvents(String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, ChainEvent>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topics.events().name(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + tp + " to offset " + end);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(),
                            events.deserialize(r.topic(), r.value())));
                }
            }
        }
        return out;
    }

    List<ChainEvent> committedEvents() {
        awaitNoOpenTransaction();
        return readEvents("read_committed").stream().map(ConsumerRecord::value).toList();
    }

    /**
     * Waits (up to 10 s) until the events partition's last stable offset reaches its end. commitTransaction returns
     * once the coordinator has decided; the commit markers reach the partition a moment later, and until then a
     * read_committed reader does not see the last transaction (CI once missed the last block's logs that way).
     */
    private void awaitNoOpenTransaction() {
        TopicPartition tp = new TopicPartition(topics.events().name(), 0);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (KafkaConsumer<String, byte[]> committed = endReader("read_committed");
             KafkaConsumer<String, byte[]> all = endReader("read_uncommitted")) {
            while (System.nanoTime() < deadline
                    && committed.endOffsets(List.of(tp)).get(tp) < all.endOffsets(List.of(tp)).get(tp)) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A consumer that only asks for end offsets, as a reader with {@code isolation} sees them. */
    private KafkaConsumer<String, byte[]> endReader(String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        watchers.forEach(ChainWatcher::close);
        registry.close();
    }
}
