package io.livepeerpool.chainwatcher.publish;

import io.livepeerpool.chainwatcher.WatcherTopics;
import io.livepeerpool.schemas.avro.ChainCursor;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One transactional producer (transactional.id {@code pool-chain-watcher-<watcherId>}, stable across restarts) that
 * writes each batch's chain events and the new cursor in one transaction: read_committed consumers see the events
 * and the cursor together or neither. Opening it fences any earlier producer with the same id and completes or aborts
 * what that one left open. After a failure the publisher is useless: close it and open a new one (Kafka's documented
 * recovery for every kind of transactional error), then read the cursor again.
 */
public final class BatchPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BatchPublisher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final WatcherTopics topics;
    private final AvroSerializer<ChainEvent> events;
    private final AvroSerializer<ChainCursor> cursors;
    private final CommitHook hook;

    private BatchPublisher(Producer<String, byte[]> producer, WatcherTopics topics, AvroSerializer<ChainEvent> events,
                           AvroSerializer<ChainCursor> cursors, CommitHook hook) {
        this.producer = producer;
        this.topics = topics;
        this.events = events;
        this.cursors = cursors;
        this.hook = hook;
    }

    public static String transactionalId(String watcherId) {
        return "pool-chain-watcher-" + watcherId;
    }

    /** Creates the producer and initialises transactions; throws {@link PublishFailedException} if Kafka does not answer. */
    public static BatchPublisher open(String bootstrapServers, String watcherId, Duration kafkaTimeout, WatcherTopics topics,
                                      AvroSerializer<ChainEvent> events, AvroSerializer<ChainCursor> cursors, CommitHook hook) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties(bootstrapServers, watcherId, kafkaTimeout),
                new StringSerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
            return new BatchPublisher(producer, topics, events, cursors, hook);
        } catch (KafkaException | IllegalStateException e) {
            producer.close(Duration.ZERO);
            throw new PublishFailedException("initialising transactions as " + transactionalId(watcherId) + " failed: "
                    + e.getMessage(), e, e instanceof ProducerFencedException);
        }
    }

    /** Writes {@code batch} (in order) and {@code cursor} in one transaction; returns once it is committed. */
    public void publish(List<KeyedEvent> batch, ChainCursor cursor, long fromBlock) {
        try {
            producer.beginTransaction();
            for (KeyedEvent e : batch) {
                String topic = topics.events().name();
                producer.send(new ProducerRecord<>(topic, e.key(), events.serialize(topic, e.event())));
            }
            String cursorTopic = topics.cursor().name();
            producer.send(new ProducerRecord<>(cursorTopic, cursor.getWatcherId(), cursors.serialize(cursorTopic, cursor)));
            hook.beforeCommit(fromBlock, cursor.getLastEmittedBlock(), batch.size() + 1);
            producer.commitTransaction();
        } catch (KafkaException | IllegalStateException e) { // Kafka's own failures (a serializer's refusal included)
            abortQuietly();
            throw new PublishFailedException("transaction for blocks " + fromBlock + ".." + cursor.getLastEmittedBlock()
                    + " failed: " + e.getMessage(), e, e instanceof ProducerFencedException);
        } catch (RuntimeException e) { // not Kafka's: a bug, which the watcher halts on instead of retrying
            abortQuietly();
            throw e;
        }
    }

    /** The partition count of {@code topic}; a missing topic fails after the Kafka timeout. */
    public int partitions(String topic) {
        try {
            return producer.partitionsFor(topic).size();
        } catch (RuntimeException e) {
            throw new PublishFailedException("topic " + topic + " is not available (create it from the topic catalogue): "
                    + e.getMessage(), e, false);
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.debug("abort after a failed transaction also failed (the producer is closed next): {}", e.toString());
        }
    }

    @Override
    public void close() {
        try {
            producer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            log.debug("closing the producer: {}", e.toString());
        }
    }

    private static Properties properties(String bootstrapServers, String watcherId, Duration kafkaTimeout) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, kafkaTimeout.toMillis());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "chain-watcher-" + watcherId);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(watcherId));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Every blocking call (initTransactions, send's metadata wait, commit) gives up after the Kafka timeout, so a
        // dead broker makes the poll fail and retry instead of hanging the watcher.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
        // A watcher that dies mid-transaction holds back read_committed consumers until its successor starts (which
        // aborts it at once) or this timeout expires.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        return p;
    }
}
