package io.livepeerpool.schemas.topics;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One topic, declared once: its name, what its key means, the Avro value it carries, how it is partitioned and
 * kept, and which service is its single writer. Code names topics through these descriptors, never by string.
 */
public record TopicSpec<V>(
        String name,
        String keyDescription,
        Class<V> valueType,
        Schema valueSchema,
        int partitions,
        CleanupPolicy cleanup,
        long retentionMs,
        String writer) {

    public enum CleanupPolicy { DELETE, COMPACT }

    /** The Schema Registry subject of the value schema (TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }

    public NewTopic newTopic(int partitionsOverride, short replication) {
        int n = partitionsOverride > 0 ? partitionsOverride : partitions;
        return new NewTopic(name, n, replication).configs(Map.of(
                "cleanup.policy", cleanup == CleanupPolicy.COMPACT ? "compact" : "delete",
                "retention.ms", Long.toString(retentionMs)));
    }
}
