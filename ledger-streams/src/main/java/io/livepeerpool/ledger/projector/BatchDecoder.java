package io.livepeerpool.ledger.projector;

import io.livepeerpool.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns one poll into a {@link Batch}. A record whose bytes cannot be decoded is a {@link Skip}; a registry that
 * cannot be reached is not the record's fault, so it throws {@link RegistryUnavailableException} and the whole
 * batch is retried later.
 */
final class BatchDecoder {
    private final Map<String, ProjectedTopic<?>> topics = new HashMap<>();
    private final int batchMax;

    BatchDecoder(List<ProjectedTopic<?>> projected, int batchMax) {
        projected.forEach(t -> topics.put(t.name(), t));
        this.batchMax = batchMax;
    }

    Batch decode(ConsumerRecords<byte[], byte[]> records) {
        if (records.count() > batchMax) {
            throw new IllegalStateException("poll returned " + records.count() + " records, more than batchMax " + batchMax);
        }
        List<Batch.Row<?>> rows = new ArrayList<>(records.count());
        List<Skip> skipped = new ArrayList<>();
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ProjectedTopic<?> topic = topics.get(record.topic());
            if (topic == null) {
                throw new IllegalStateException("record from a topic not subscribed: " + record.topic());
            }
            if (record.value() == null) {
                skipped.add(skip(record, "null value"));
            } else {
                decodeOne(topic, record, rows, skipped);
            }
            nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        return new Batch(rows, skipped, nextOffsets);
    }

    private static <V> void decodeOne(ProjectedTopic<V> topic, ConsumerRecord<byte[], byte[]> record,
            List<Batch.Row<?>> rows, List<Skip> skipped) {
        V value;
        try {
            value = topic.decode(record);
        } catch (RuntimeException e) {
            SchemaRegistryException registry = registryCause(e);
            if (registry != null && isTransient(registry)) {
                throw new RegistryUnavailableException(registry);
            }
            skipped.add(skip(record, "cannot decode: " + describe(e)));
            return;
        }
        if (value == null) {
            skipped.add(skip(record, "decoded to null"));
            return;
        }
        rows.add(new Batch.Row<>(topic, value,
                new RecordOrigin(record.partition(), record.offset(), record.timestamp())));
    }

    /** No answer, rate limited or a server error: try again later. 4xx (e.g. 404 unknown schema id) is final. */
    private static boolean isTransient(SchemaRegistryException e) {
        int status = e.status();
        return status == SchemaRegistryException.NO_RESPONSE || status == 408 || status == 429 || status >= 500;
    }

    private static SchemaRegistryException registryCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException s) {
                return s;
            }
        }
        return null;
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < Skip.REASON_LENGTH_MAX; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(message) >= 0) {
                continue; // wrappers often repeat their cause's message
            }
            text.append(text.isEmpty() ? "" : ": ").append(message);
        }
        return text.toString();
    }

    private static Skip skip(ConsumerRecord<?, ?> record, String reason) {
        return new Skip(record.topic(), record.partition(), record.offset(), reason);
    }

    /** The schema registry did not answer; the batch is retried after a back-off. */
    static final class RegistryUnavailableException extends RuntimeException {
        RegistryUnavailableException(SchemaRegistryException cause) {
            super("schema registry unavailable: " + cause.getMessage(), cause);
        }
    }
}
