package io.livepeerpool.schemas.topics;

import org.apache.kafka.common.utils.Utils;

/**
 * The key of a record on {@link Topics#TRANSCODER_JOBS}: {@code orchestrator|jobId}, the job's idempotency key. Every
 * copy of a job (a retry, a re-post naming another transcoder) then lands on one partition, in order, so the ledger
 * dedupes and weighs a partition in one stage without re-partitioning, and "the first copy" means "the lowest offset"
 * for the ledger, the projector and an auditor alike.
 */
public final class JobKeys {
    public static final String SEPARATOR = "|";

    private JobKeys() {
    }

    /** {@code orchestrator} lowercase 0x hex, as on the record. */
    public static String of(String orchestrator, String jobId) {
        return orchestrator + SEPARATOR + jobId;
    }

    /** The partition Kafka's default partitioner gives the key among {@code partitions}. */
    public static int partitionOf(String orchestrator, String jobId, int partitions) {
        byte[] key = of(orchestrator, jobId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }
}
