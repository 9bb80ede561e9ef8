package io.livepeerpool.ledger.streams;

import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.avro.JobRefusal;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import io.livepeerpool.schemas.avro.MemberAccountChange;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.PayoutSettings;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.topics.TopicSpec;
import io.livepeerpool.schemas.topics.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics the ledger reads and writes, normally {@link #catalogue()}; tests and the bench use fresh copies
 * ({@link #withSuffix}). The partition count of {@link #jobs()} is the number of subtotals the settlement waits
 * for: the service sets it from the real topic at start ({@link #withJobPartitions}); the markers topic has the same.
 */
public record LedgerTopics(
        TopicSpec<TranscoderJob> jobs,
        TopicSpec<ChainEvent> chainEvents,
        TopicSpec<LedgerJobEvent> epochMarkers,
        TopicSpec<EpochBoundary> epochBoundaries,
        TopicSpec<LedgerBarrierEvent> barrier,
        TopicSpec<Settlement> settlements,
        TopicSpec<Allocation> allocations,
        TopicSpec<PayoutRequest> payoutRequests,
        TopicSpec<Payout> payouts,
        TopicSpec<PayoutSettings> payoutSettings,
        TopicSpec<MemberAccountChange> accountChanges,
        TopicSpec<JobRefusal> jobRefusals) {

    public static LedgerTopics catalogue() {
        return new LedgerTopics(Topics.TRANSCODER_JOBS, Topics.CHAIN_EVENTS, Topics.LEDGER_EPOCH_MARKERS,
                Topics.LEDGER_EPOCH_BOUNDARIES, Topics.LEDGER_BARRIER, Topics.LEDGER_SETTLEMENTS,
                Topics.LEDGER_ALLOCATIONS, Topics.PAYOUT_REQUESTS, Topics.PAYOUTS, Topics.PAYOUT_SETTINGS,
                Topics.LEDGER_ACCOUNT_CHANGES, Topics.LEDGER_JOB_REFUSALS);
    }

    /** The same topics named {@code <name>.<suffix>}. */
    public LedgerTopics withSuffix(String suffix) {
        return new LedgerTopics(renamed(jobs, suffix), renamed(chainEvents, suffix), renamed(epochMarkers, suffix),
                renamed(epochBoundaries, suffix), renamed(barrier, suffix), renamed(settlements, suffix),
                renamed(allocations, suffix), renamed(payoutRequests, suffix), renamed(payouts, suffix),
                renamed(payoutSettings, suffix), renamed(accountChanges, suffix), renamed(jobRefusals, suffix));
    }

    /**
     * The same topics with {@code partitions} partitions for those keyed by job or transcoder (jobs, markers,
     * allocations, payout requests, account changes, job refusals); chain events, boundaries, barrier, settlements,
     * payout outcomes and payout settings keep one.
     */
    public LedgerTopics withPartitions(int partitions) {
        return new LedgerTopics(partitioned(jobs, partitions), chainEvents, partitioned(epochMarkers, partitions),
                epochBoundaries, barrier, settlements, partitioned(allocations, partitions),
                partitioned(payoutRequests, partitions), payouts, payoutSettings,
                partitioned(accountChanges, partitions), partitioned(jobRefusals, partitions));
    }

    /** As these, with the jobs topic's real partition count (the markers topic must have the same). */
    public LedgerTopics withJobPartitions(int partitions) {
        return new LedgerTopics(partitioned(jobs, partitions), chainEvents, partitioned(epochMarkers, partitions),
                epochBoundaries, barrier, settlements, allocations, payoutRequests, payouts, payoutSettings,
                accountChanges, jobRefusals);
    }

    public List<TopicSpec<?>> all() {
        return List.of(jobs, chainEvents, epochMarkers, epochBoundaries, barrier, settlements, allocations,
                payoutRequests, payouts, payoutSettings, accountChanges, jobRefusals);
    }

    /**
     * Topics the settlement task reads besides the barrier: they must have one partition, like the barrier, so that
     * the one task holding the balances reads all of them.
     */
    public List<TopicSpec<?>> singlePartition() {
        return List.of(chainEvents, barrier, payouts, payoutSettings);
    }

    /** The ledger's own intermediate topics, purged once consumed: written and read only by the ledger application. */
    public List<TopicSpec<?>> internal() {
        return List.of(epochMarkers, barrier);
    }

    /** Definitions for creating every topic with its declared partitions. */
    public List<NewTopic> newTopics(short replication) {
        return all().stream().map(t -> t.newTopic(0, replication)).toList();
    }

    private static <V> TopicSpec<V> renamed(TopicSpec<V> t, String suffix) {
        return new TopicSpec<>(t.name() + "." + suffix, t.keyDescription(), t.valueType(), t.valueSchema(),
                t.partitions(), t.cleanup(), t.retentionMs(), t.writer());
    }

    private static <V> TopicSpec<V> partitioned(TopicSpec<V> t, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        return new TopicSpec<>(t.name(), t.keyDescription(), t.valueType(), t.valueSchema(), partitions, t.cleanup(),
                t.retentionMs(), t.writer());
    }
}
