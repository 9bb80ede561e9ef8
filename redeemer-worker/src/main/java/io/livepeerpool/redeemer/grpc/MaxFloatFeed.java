package io.livepeerpool.redeemer.grpc;

import io.livepeerpool.schemas.avro.MaxFloat;
import io.livepeerpool.schemas.topics.Topics;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current max float of every sender, read from the compacted {@code pool.max-float} from its beginning into a
 * local map and kept current by following the topic (read_committed: the max float topology writes exactly once).
 * No consumer group: every instance reads every partition, since any orchestrator may ask about any sender.
 * Subscribers of a sender hear each new value, on the feed's thread, in topic order.
 */
final class MaxFloatFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MaxFloatFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<MaxFloat> deserializer;
    private final Map<String, BigInteger> current = new ConcurrentHashMap<>();
    private final Map<String, Set<Consumer<BigInteger>>> subscribers = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private Map<TopicPartition, Long> startEnd;

    MaxFloatFeed(String bootstrapServers, Deserializer<MaxFloat> deserializer) {
        this.consumer = new KafkaConsumer<>(consumerSettings(bootstrapServers));
        this.deserializer = deserializer;
        this.thread = new Thread(this::run, "max-float-feed");
        this.thread.setDaemon(true);
    }

    private static Properties consumerSettings(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "redeemer-grpc-max-float");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Assigns every partition from the beginning, starts following, and waits until the topic's end at start is read. */
    void start(Duration catchUpTimeout) throws InterruptedException {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.MAX_FLOAT.name(), METADATA_TIMEOUT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + Topics.MAX_FLOAT.name() + " does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        startEnd = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        thread.start();
        if (!caughtUp.await(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(Topics.MAX_FLOAT.name() + " not read to its end within " + catchUpTimeout.toMillis()
                    + " ms (redeemer.grpc.maxFloat.catchUpTimeoutMs)" + (failure == null ? "" : ": " + failure));
        }
        log.info("max float of {} senders read from {}", current.size(), Topics.MAX_FLOAT.name());
    }

    /** The sender's current max float (wei, never negative), or empty when the topic holds none for it. */
    Optional<BigInteger> current(String sender) {
        return Optional.ofNullable(current.get(sender.toLowerCase(Locale.ROOT)));
    }

    /** Calls {@code listener} with each new value of the sender's max float until the returned handle is closed. */
    AutoCloseable subscribe(String sender, Consumer<BigInteger> listener) {
        String key = sender.toLowerCase(Locale.ROOT);
        subscribers.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> subscribers.computeIfPresent(key, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many live subscriptions the sender has (a closed stream must leave none behind). */
    int subscriptions(String sender) {
        return subscribers.getOrDefault(sender.toLowerCase(Locale.ROOT), Set.of()).size();
    }

    boolean healthy() {
        return thread.isAlive() && failure == null;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (caughtUp.getCount() > 0 && startEnd.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            failure = e;
            log.error("max float feed stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("skipped {} record without key at partition {} offset {}", record.topic(), record.partition(), record.offset());
            return;
        }
        String sender = record.key().toLowerCase(Locale.ROOT);
        if (record.value() == null) {
            current.remove(sender); // tombstone: the topology forgot the sender
            return;
        }
        BigInteger value;
        try {
            value = deserializer.deserialize(record.topic(), record.value()).getMaxFloat().toBigIntegerExact();
        } catch (RuntimeException e) {
            log.warn("skipped undecodable {} record at partition {} offset {}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
            return;
        }
        if (value.signum() < 0) {
            log.warn("skipped negative max float for {} at partition {} offset {}", sender, record.partition(), record.offset());
            return;
        }
        BigInteger previous = current.put(sender, value);
        if (!value.equals(previous)) {
            for (Consumer<BigInteger> listener : subscribers.getOrDefault(sender, Set.of())) {
                listener.accept(value);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (!thread.isAlive() && startEnd == null) {
            consumer.close(Duration.ofSeconds(5)); // never started
        }
    }
}
