package io.livepeerpool.ledger.streams;

import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.streams.barrier.SettlementProcessor;
import io.livepeerpool.ledger.streams.chain.ChainEventsProcessor;
import io.livepeerpool.ledger.streams.jobs.JobsPartitionProcessor;
import io.livepeerpool.ledger.streams.members.PayoutOutcomeProcessor;
import io.livepeerpool.ledger.streams.members.PayoutSettingsProcessor;
import io.livepeerpool.ledger.streams.store.AllPartitions;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;

/**
 * The ledger's Kafka Streams topology: the settlement barrier of ARCHITECTURE.md, built from the pure ledger code.
 * <pre>
 * jobs (keyed orchestrator|jobId) ─count─┐ per partition, one processor: round window, dedupe, subtotals; no repartition
 *      └─> job-refusals                   │
 * epoch-markers (partition p) ────close──┴─> epoch-boundaries (retained), barrier ─settle─> settlements,
 *       ^                                                                       ^            allocations,
 * chain-events ─── markers ───────────────────────── RevenueClosed ─────────────┘            payout-requests,
 *                                         payouts (outcomes), payout-settings ──┘ (same task)  account-changes
 * </pre>
 * Three sub-topologies: jobs with their markers (one task per jobs partition), chain events, the barrier. See the
 * README, "Streams topology".
 */
public final class LedgerTopology {
    public static final String JOBS_SOURCE = "jobs-source";
    public static final String MARKERS_SOURCE = "epoch-markers-source";
    public static final String JOBS_PARTITION = "jobs-partition";
    public static final String BOUNDARIES_SINK = "epoch-boundaries-sink";
    public static final String SUBTOTALS_SINK = "epoch-subtotals-sink";
    public static final String JOB_REFUSALS_SINK = "job-refusals-sink";
    public static final String CHAIN_SOURCE = "chain-events-source";
    public static final String CHAIN = "chain-events";
    public static final String REVENUE_SINK = "revenue-closed-sink";
    public static final String MARKERS_SINK = "epoch-markers-sink";
    public static final String BARRIER_SOURCE = "barrier-source";
    public static final String SETTLEMENT = "settlement";
    public static final String SETTLEMENTS_SINK = "settlements-sink";
    public static final String ALLOCATIONS_SINK = "allocations-sink";
    public static final String PAYOUT_REQUESTS_SINK = "payout-requests-sink";
    public static final String PAYOUTS_SOURCE = "payouts-source";
    public static final String PAYOUT_OUTCOMES = "payout-outcomes";
    public static final String PAYOUT_SETTINGS_SOURCE = "payout-settings-source";
    public static final String PAYOUT_SETTINGS = "payout-settings";
    public static final String ACCOUNT_CHANGES_SINK = "account-changes-sink";
    public static final String MEMBER_BOUNDARIES_SINK = "member-boundaries-sink";

    private LedgerTopology() {
    }

    /**
     * @param topics the topics; {@code topics.jobs().partitions()} must be the jobs topic's real partition count,
     *               which the markers topic shares (checked on every job and marker)
     */
    public static Topology build(LedgerTopics topics, LedgerPolicy policy, LedgerSerdes serdes) {
        return build(topics, policy, serdes, LedgerStores.Kind.PERSISTENT);
    }

    /** As {@link #build(LedgerTopics, LedgerPolicy, LedgerSerdes)}, with stores of the given kind. */
    public static Topology build(LedgerTopics topics, LedgerPolicy policy, LedgerSerdes serdes,
                                 LedgerStores.Kind stores) {
        int jobPartitions = topics.jobs().partitions();
        int retained = policy.dedupeRetainRounds();
        Deserializer<String> keysIn = Serdes.String().deserializer();
        Serializer<String> keysOut = Serdes.String().serializer();
        Topology topology = new Topology();

        // 1. jobs where the gateway wrote them, and the markers of the same partition: count, then close at a marker
        topology.addSource(JOBS_SOURCE, keysIn, serdes.jobs().deserializer(), topics.jobs().name());
        topology.addSource(MARKERS_SOURCE, keysIn, serdes.jobEvents().deserializer(), topics.epochMarkers().name());
        topology.addProcessor(JOBS_PARTITION, () -> new JobsPartitionProcessor(policy.weights(), jobPartitions,
                retained, JOB_REFUSALS_SINK, SUBTOTALS_SINK, BOUNDARIES_SINK), JOBS_SOURCE, MARKERS_SOURCE);
        topology.addStateStore(LedgerStores.countedJobs(stores), JOBS_PARTITION);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.JOBS_EPOCH), JOBS_PARTITION);
        topology.addStateStore(LedgerStores.cachedLongs(stores, LedgerStores.JOBS_POSITION), JOBS_PARTITION);
        topology.addSink(BOUNDARIES_SINK, topics.epochBoundaries().name(), keysOut,
                serdes.epochBoundaries().serializer(), JOBS_PARTITION);
        topology.addSink(SUBTOTALS_SINK, topics.barrier().name(), keysOut, serdes.barrierEvents().serializer(),
                JOBS_PARTITION);
        topology.addSink(JOB_REFUSALS_SINK, topics.jobRefusals().name(), keysOut, serdes.jobRefusals().serializer(),
                JOBS_PARTITION);

        topology.addSource(CHAIN_SOURCE, Serdes.ByteArray().deserializer(), serdes.chainEvents().deserializer(),
                topics.chainEvents().name());
        topology.addProcessor(CHAIN, () -> new ChainEventsProcessor(policy, jobPartitions, REVENUE_SINK,
                MARKERS_SINK), CHAIN_SOURCE);
        topology.addStateStore(LedgerStores.store(stores, LedgerStores.CHAIN_STATE, serdes.chainState()), CHAIN);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.TRANSFER_IDS), CHAIN);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.TRANSFER_ID_EPOCHS), CHAIN);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.FEE_SHARES), CHAIN);
        topology.addSink(REVENUE_SINK, topics.barrier().name(), keysOut, serdes.barrierEvents().serializer(), CHAIN);
        topology.addSink(MARKERS_SINK, topics.epochMarkers().name(), keysOut, serdes.jobEvents().serializer(),
                new AllPartitions<>(jobPartitions), CHAIN);

        // 5. barrier: settle each epoch once all of it is in, credit balances, request payouts
        topology.addSource(BARRIER_SOURCE, keysIn, serdes.barrierEvents().deserializer(), topics.barrier().name());
        topology.addProcessor(SETTLEMENT, () -> new SettlementProcessor(policy, jobPartitions,
                new SettlementProcessor.Sinks(SETTLEMENTS_SINK, ALLOCATIONS_SINK, PAYOUT_REQUESTS_SINK,
                        ACCOUNT_CHANGES_SINK, MEMBER_BOUNDARIES_SINK)), BARRIER_SOURCE);
        // ... in the same task (every source has one partition): payout outcomes and members' payout settings
        topology.addSource(PAYOUTS_SOURCE, keysIn, serdes.payouts().deserializer(), topics.payouts().name());
        topology.addProcessor(PAYOUT_OUTCOMES, () -> new PayoutOutcomeProcessor(ACCOUNT_CHANGES_SINK),
                PAYOUTS_SOURCE);
        topology.addSource(PAYOUT_SETTINGS_SOURCE, keysIn, serdes.payoutSettings().deserializer(),
                topics.payoutSettings().name());
        topology.addProcessor(PAYOUT_SETTINGS, PayoutSettingsProcessor::new, PAYOUT_SETTINGS_SOURCE);
        topology.addStateStore(LedgerStores.amounts(stores, LedgerStores.CARRIED_WEIGHTS), SETTLEMENT);
        topology.addStateStore(LedgerStores.store(stores, LedgerStores.BARRIER_REVENUE, serdes.revenueClosed()), SETTLEMENT);
        topology.addStateStore(LedgerStores.store(stores, LedgerStores.BARRIER_SUBTOTALS, serdes.epochSubtotals()),
                SETTLEMENT);
        String[] members = {SETTLEMENT, PAYOUT_OUTCOMES, PAYOUT_SETTINGS};
        topology.addStateStore(LedgerStores.amounts(stores, LedgerStores.BALANCES), members);
        topology.addStateStore(LedgerStores.amounts(stores, LedgerStores.DEBTS), members);
        topology.addStateStore(LedgerStores.store(stores, LedgerStores.OPEN_PAYOUTS, serdes.payoutRequests()),
                members);
        topology.addStateStore(LedgerStores.store(stores, LedgerStores.PAYOUT_SETTINGS, serdes.payoutSettings()),
                members);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.ACCOUNT_SEQUENCE), members);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.MEMBER_POSITIONS), members);
        topology.addStateStore(LedgerStores.store(stores, LedgerStores.SETTLEMENT_STATE, serdes.settlementState()),
                SETTLEMENT, PAYOUT_OUTCOMES, PAYOUT_SETTINGS);
        topology.addSink(SETTLEMENTS_SINK, topics.settlements().name(), keysOut, serdes.settlements().serializer(),
                SETTLEMENT);
        topology.addSink(ALLOCATIONS_SINK, topics.allocations().name(), keysOut, serdes.allocations().serializer(),
                SETTLEMENT);
        topology.addSink(PAYOUT_REQUESTS_SINK, topics.payoutRequests().name(), keysOut,
                serdes.payoutRequests().serializer(), SETTLEMENT);
        topology.addSink(MEMBER_BOUNDARIES_SINK, topics.epochBoundaries().name(), keysOut,
                serdes.epochBoundaries().serializer(), SETTLEMENT);
        topology.addSink(ACCOUNT_CHANGES_SINK, topics.accountChanges().name(), keysOut,
                serdes.accountChanges().serializer(), SETTLEMENT, PAYOUT_OUTCOMES);
        return topology;
    }
}
