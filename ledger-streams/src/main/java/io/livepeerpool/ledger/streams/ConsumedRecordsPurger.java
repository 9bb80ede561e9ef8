package io.livepeerpool.ledger.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the records of the ledger's intermediate topics that the ledger has consumed, as Kafka Streams does for
 * its own repartition topics: those topics keep records for ever (a record deleted before it was processed would be
 * money lost), so this is what keeps them small. Under exactly_once_v2 a committed offset means the records before
 * it, and everything they caused, are committed. A failure is logged and retried at the next run: nothing depends
 * on it but disk space.
 */
final class ConsumedRecordsPurger implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ConsumedRecordsPurger.class);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final String applicationId;
    private final Set<String> topics;

    ConsumedRecordsPurger(Admin admin, String applicationId, List<String> topics) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.topics = Set.copyOf(topics);
    }

    @Override
    public void run() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null && topics.contains(partition.topic())) {
                    deletions.put(partition, RecordsToDelete.beforeOffset(offset.offset()));
                }
            });
            if (!deletions.isEmpty()) {
                admin.deleteRecords(deletions).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not delete consumed records of {}: {} (retried at the next run)", topics, e.toString());
        }
    }
}
