package io.livepeerpool.ledger.streams;

import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.streams.barrier.SettlementProcessor;
import io.livepeerpool.ledger.streams.chain.ChainEventsProcessor;
import io.livepeerpool.ledger.streams.jobs.EpochWeightsProcessor;
import io.livepeerpool.ledger.streams.jobs.JobDedupeProcessor;
import io.livepeerpool.ledger.streams.jobs.JobRekeyProcessor;
import io.livepeerpool.ledger.streams.members.PayoutOutcomeProcessor;
import io.livepeerpool.ledger.streams.members.PayoutSettingsProcessor;
import io.livepeerpool.ledger.streams.store.AllPartitions;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;

/**
 * The ledger's Kafka Streams topology: the settlement barrier of ARCHITECTURE.md, built from the pure ledger code.
 * <pre>
 * jobs ─rekey─> job-dedupe ─dedupe─> job-weights ─subtotals at marker─> barrier ─settle─> settlements,
 *                   ^                    ^                                 ^                allocations,
 * chain-events ─────┴── markers ─────────┴──── RevenueClosed ──────────────┘                payout-requests,
 *                                         payouts (outcomes), payout-settings ──┘ (same task)  account-changes
 * </pre>
 * Five sub-topologies, one per source topic; see the README, "Streams topology".
 */
public final class LedgerTopology {
    public static final String JOBS_SOURCE = "jobs-source";
    public static final String JOB_REKEY = "job-rekey";
    public static final String JOB_DEDUPE_SINK = "job-dedupe-sink";
    public static final String JOB_DEDUPE_SOURCE = "job-dedupe-source";
    public static final String JOB_DEDUPE = "job-dedupe";
    public static final String JOB_WEIGHTS_SINK = "job-weights-sink";
    public static final String JOB_REFUSALS_SINK = "job-refusals-sink";
    public static final String CHAIN_SOURCE = "chain-events-source";
    public static final String CHAIN = "chain-events";
    public static final String REVENUE_SINK = "revenue-closed-sink";
    public static final String DEDUPE_MARKERS_SINK = "job-dedupe-markers-sink";
    public static final String WEIGHT_MARKERS_SINK = "job-weights-markers-sink";
    public static final String JOB_WEIGHTS_SOURCE = "job-weights-source";
    public static final String EPOCH_WEIGHTS = "epoch-weights";
    public static final String SUBTOTALS_SINK = "epoch-subtotals-sink";
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

    private LedgerTopology() {
    }

    /**
     * @param topics the topics; {@code topics.jobWeights().partitions()} must be the job-weights topic's real
     *               partition count (checked on every marker)
     */
    public static Topology build(LedgerTopics topics, LedgerPolicy policy, LedgerSerdes serdes) {
        return build(topics, policy, serdes, LedgerStores.Kind.PERSISTENT);
    }

    /** As {@link #build(LedgerTopics, LedgerPolicy, LedgerSerdes)}, with stores of the given kind. */
    public static Topology build(LedgerTopics topics, LedgerPolicy policy, LedgerSerdes serdes,
                                 LedgerStores.Kind stores) {
        int weightPartitions = topics.jobWeights().partitions();
        Deserializer<String> keysIn = Serdes.String().deserializer();
        Serializer<String> keysOut = Serdes.String().serializer();
        Serializer<LedgerJobEvent> jobEventsOut = serdes.jobEvents().serializer();
        Topology topology = new Topology();

        // 1. jobs (keyed by transcoder) -> JobWeighed keyed by orchestrator|jobId
        topology.addSource(JOBS_SOURCE, keysIn, serdes.jobs().deserializer(), topics.jobs().name());
        topology.addProcessor(JOB_REKEY, () -> new JobRekeyProcessor(policy.weights()), JOBS_SOURCE);
        topology.addSink(JOB_DEDUPE_SINK, topics.jobDedupe().name(), keysOut, jobEventsOut, JOB_REKEY);

        // 2. job-dedupe: the round window, then first sightings only, re-keyed by transcoder; refusals published
        topology.addSource(JOB_DEDUPE_SOURCE, keysIn, serdes.jobEvents().deserializer(), topics.jobDedupe().name());
        topology.addProcessor(JOB_DEDUPE, () -> new JobDedupeProcessor(policy.dedupeRetainRounds(),
                JOB_WEIGHTS_SINK, JOB_REFUSALS_SINK), JOB_DEDUPE_SOURCE);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.JOB_IDS), JOB_DEDUPE);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.JOB_ID_ROUNDS), JOB_DEDUPE);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.JOB_DEDUPE_EPOCH), JOB_DEDUPE);
        topology.addSink(JOB_WEIGHTS_SINK, topics.jobWeights().name(), keysOut, jobEventsOut, JOB_DEDUPE);
        topology.addSink(JOB_REFUSALS_SINK, topics.jobRefusals().name(), keysOut,
                serdes.jobRefusals().serializer(), JOB_DEDUPE);

        // 3. chain events: revenue; each NewRound closes the epoch and marks every job partition
        topology.addSource(CHAIN_SOURCE, Serdes.ByteArray().deserializer(), serdes.chainEvents().deserializer(),
                topics.chainEvents().name());
        topology.addProcessor(CHAIN, () -> new ChainEventsProcessor(policy, weightPartitions, REVENUE_SINK,
                DEDUPE_MARKERS_SINK, WEIGHT_MARKERS_SINK), CHAIN_SOURCE);
        topology.addStateStore(LedgerStores.store(stores, LedgerStores.CHAIN_STATE, serdes.chainState()), CHAIN);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.TRANSFER_IDS), CHAIN);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.TRANSFER_ID_EPOCHS), CHAIN);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.FEE_SHARES), CHAIN);
        topology.addSink(REVENUE_SINK, topics.barrier().name(), keysOut, serdes.barrierEvents().serializer(), CHAIN);
        topology.addSink(DEDUPE_MARKERS_SINK, topics.jobDedupe().name(), keysOut, jobEventsOut,
                new AllPartitions<>(0), CHAIN);
        topology.addSink(WEIGHT_MARKERS_SINK, topics.jobWeights().name(), keysOut, jobEventsOut,
                new AllPartitions<>(weightPartitions), CHAIN);

        // 4. job-weights: per-partition subtotals, handed to the barrier at each marker
        topology.addSource(JOB_WEIGHTS_SOURCE, keysIn, serdes.jobEvents().deserializer(), topics.jobWeights().name());
        topology.addProcessor(EPOCH_WEIGHTS, () -> new EpochWeightsProcessor(weightPartitions), JOB_WEIGHTS_SOURCE);
        topology.addStateStore(LedgerStores.amounts(stores, LedgerStores.EPOCH_WEIGHTS), EPOCH_WEIGHTS);
        topology.addStateStore(LedgerStores.longs(stores, LedgerStores.WEIGHTS_EPOCH), EPOCH_WEIGHTS);
        topology.addSink(SUBTOTALS_SINK, topics.barrier().name(), keysOut, serdes.barrierEvents().serializer(),
                EPOCH_WEIGHTS);

        // 5. barrier: settle each epoch once all of it is in, credit balances, request payouts
        topology.addSource(BARRIER_SOURCE, keysIn, serdes.barrierEvents().deserializer(), topics.barrier().name());
        topology.addProcessor(SETTLEMENT, () -> new SettlementProcessor(policy, weightPartitions,
                new SettlementProcessor.Sinks(SETTLEMENTS_SINK, ALLOCATIONS_SINK, PAYOUT_REQUESTS_SINK,
                        ACCOUNT_CHANGES_SINK)), BARRIER_SOURCE);
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
        topology.addStateStore(LedgerStores.store(stores, LedgerStores.SETTLEMENT_STATE, serdes.settlementState()),
                SETTLEMENT, PAYOUT_OUTCOMES, PAYOUT_SETTINGS);
        topology.addSink(SETTLEMENTS_SINK, topics.settlements().name(), keysOut, serdes.settlements().serializer(),
                SETTLEMENT);
        topology.addSink(ALLOCATIONS_SINK, topics.allocations().name(), keysOut, serdes.allocations().serializer(),
                SETTLEMENT);
        topology.addSink(PAYOUT_REQUESTS_SINK, topics.payoutRequests().name(), keysOut,
                serdes.payoutRequests().serializer(), SETTLEMENT);
        topology.addSink(ACCOUNT_CHANGES_SINK, topics.accountChanges().name(), keysOut,
                serdes.accountChanges().serializer(), SETTLEMENT, PAYOUT_OUTCOMES);
        return topology;
    }
}
