package io.livepeerpool.ledger.streams.barrier;

import io.livepeerpool.ledger.settlement.Allocation;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.ledger.settlement.Settlement;
import io.livepeerpool.ledger.settlement.SettlementResult;
import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.records.Amounts;
import io.livepeerpool.ledger.streams.members.MemberAccounts;
import io.livepeerpool.ledger.streams.records.BoundarySource;
import io.livepeerpool.ledger.streams.records.LedgerRecords;
import io.livepeerpool.ledger.streams.records.MemberRecords;
import io.livepeerpool.ledger.streams.store.EpochKeys;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.ledger.weight.WeightSubtotals;
import io.livepeerpool.schemas.avro.EpochSubtotals;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import io.livepeerpool.schemas.avro.LedgerSettlementState;
import io.livepeerpool.schemas.avro.RevenueClosed;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The settlement barrier (one partition, one key): keeps what arrives for each epoch, the revenue closed at its
 * NewRound and the subtotals of every jobs partition, in whatever order they come; once the next epoch to
 * settle has all of them, settles it with the pure {@link Settlement#settle}, credits the members' accounts
 * ({@link MemberAccounts}: debts first, each member's threshold and payout address), and emits the Settlement, one
 * Allocation per transcoder, a DebtNetted account change per debt paid off, and the PayoutRequests, all in the transaction of the record that
 * completed the epoch. Epochs settle strictly in order; carried revenue and weights stay in the stores.
 */
public final class SettlementProcessor extends ContextualProcessor<String, LedgerBarrierEvent, String,
        SpecificRecord> {
    /** Epochs settled for one incoming record: more would mean the barrier fell that far behind; bounds the loop. */
    static final int SETTLE_PER_RECORD_MAX = 10_000;

    private final LedgerPolicy policy;
    private final int weightPartitions;
    private final Sinks sinks;
    private KeyValueStore<String, LedgerSettlementState> state;
    private KeyValueStore<String, BigInteger> carriedWeights;
    private KeyValueStore<String, RevenueClosed> revenue;
    private KeyValueStore<String, EpochSubtotals> subtotals;
    private MemberAccounts members;
    private KeyValueStore<String, Long> positions;

    /** The names of the sink nodes the results go to. */
    public record Sinks(String settlements, String allocations, String payoutRequests, String accountChanges,
                        String boundaries) {
    }

    public SettlementProcessor(LedgerPolicy policy, int weightPartitions, Sinks sinks) {
        this.policy = policy;
        this.weightPartitions = weightPartitions;
        this.sinks = sinks;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        state = context.getStateStore(LedgerStores.SETTLEMENT_STATE);
        carriedWeights = context.getStateStore(LedgerStores.CARRIED_WEIGHTS);
        revenue = context.getStateStore(LedgerStores.BARRIER_REVENUE);
        subtotals = context.getStateStore(LedgerStores.BARRIER_SUBTOTALS);
        members = MemberAccounts.of(context);
        positions = context.getStateStore(LedgerStores.MEMBER_POSITIONS);
    }

    @Override
    public void process(Record<String, LedgerBarrierEvent> record) {
        long settled = current().getSettledEpoch();
        switch (record.value().getEvent()) {
            case RevenueClosed closed -> {
                requireOpen(closed.getEpoch(), settled);
                revenue.put(EpochKeys.number(closed.getEpoch()), closed);
            }
            case EpochSubtotals part -> {
                requireOpen(part.getEpoch(), settled);
                requireValid(part);
                subtotals.put(EpochKeys.of(part.getEpoch(), EpochKeys.number(part.getPartition()) + EpochKeys.SEPARATOR
                        + EpochKeys.number(part.getChunk())), part);
            }
            default -> throw new IllegalStateException(Where.of(context()) + ": unexpected event "
                    + record.value().getEvent());
        }
        for (int i = 0; i < SETTLE_PER_RECORD_MAX && settleNext(record.timestamp()); i++) {
            // each pass settles one epoch
        }
    }

    /** Settles the epoch after the last settled one if everything for it is in; false when it is not. */
    private boolean settleNext(long timestamp) {
        LedgerSettlementState current = current();
        long epoch = current.getSettledEpoch() + 1;
        RevenueClosed closed = revenue.get(EpochKeys.number(epoch));
        List<KeyValue<String, EpochSubtotals>> parts = partsOf(epoch);
        if (closed == null || !EpochParts.complete(parts.stream().map(kv -> kv.value).toList(), weightPartitions)) {
            return false;
        }
        List<WeightSubtotals> weights = new ArrayList<>();
        for (KeyValue<String, EpochSubtotals> part : parts) {
            if (part.value.getRound() != closed.getRound()) {
                throw new IllegalStateException("epoch " + epoch + ": subtotals for round " + part.value.getRound()
                        + ", revenue for round " + closed.getRound());
            }
            weights.add(LedgerRecords.subtotals(part.value.getWeights()));
        }
        weights.add(WeightSubtotals.of(readAll(carriedWeights)));
        BigInteger revenueIn = Amounts.fromAvro(current.getCarriedRevenue(), "carriedRevenue")
                .add(Amounts.fromAvro(closed.getRevenue(), "revenue"));
        SettlementResult result = Settlement.settle(closed.getRound(), revenueIn, WeightSubtotals.merge(weights),
                policy);
        emit(result, timestamp);
        recordBoundaries(epoch, closed.getRound(), timestamp);
        replaceCarriedWeights(result.carriedWeights());
        revenue.delete(EpochKeys.number(epoch));
        parts.forEach(part -> subtotals.delete(part.key));
        state.put(LedgerStores.POOL, new LedgerSettlementState(epoch, closed.getRound(),
                Amounts.toAvro(result.carriedRevenue())));
        return true;
    }

    /** The Settlement, then per allocation (address order) the credited Allocation, then the PayoutRequests. */
    private void emit(SettlementResult result, long timestamp) {
        long round = result.round();
        context().forward(new Record<>(LedgerStores.POOL, LedgerRecords.settlement(result), timestamp),
                sinks.settlements());
        List<PayoutRequest> payouts = new ArrayList<>();
        for (Allocation allocation : result.allocations()) {
            String transcoder = allocation.transcoder();
            MemberAccounts.Credit credit = members.credit(round, allocation, policy.payoutThresholdWei());
            credit.step().payout().ifPresent(payouts::add);
            context().forward(new Record<>(transcoder, LedgerRecords.allocation(round, allocation,
                    credit.step().account().balance()), timestamp), sinks.allocations());
            credit.change().ifPresent(change -> context().forward(new Record<>(transcoder,
                    MemberRecords.accountChange(change, members.nextSequence()), timestamp), sinks.accountChanges()));
        }
        for (PayoutRequest payout : payouts) {
            context().forward(new Record<>(payout.transcoder(), LedgerRecords.payoutRequest(payout), timestamp),
                    sinks.payoutRequests());
        }
    }

    /**
     * Where this settlement lies in the payout outcomes and payout settings (one partition each): what this task
     * applied before it. An export writes those records before the epoch's NewRound line, the rest after it, so the
     * replay credits and pays exactly as this settlement did.
     */
    private void recordBoundaries(long epoch, long round, long timestamp) {
        for (BoundarySource source : List.of(BoundarySource.PAYOUTS, BoundarySource.PAYOUT_SETTINGS)) {
            Long next = positions.get(source.text());
            context().forward(new Record<String, SpecificRecord>(source.key(epoch, 0),
                    source.boundary(epoch, round, 0, 1, next == null ? 0L : next), timestamp), sinks.boundaries());
        }
    }

    private void replaceCarriedWeights(WeightSubtotals carried) {
        readAll(carriedWeights).keySet().forEach(carriedWeights::delete);
        carried.byTranscoder().forEach(carriedWeights::put);
    }

    private List<KeyValue<String, EpochSubtotals>> partsOf(long epoch) {
        List<KeyValue<String, EpochSubtotals>> parts = new ArrayList<>();
        try (KeyValueIterator<String, EpochSubtotals> it = subtotals.prefixScan(EpochKeys.prefix(epoch),
                Serdes.String().serializer())) {
            it.forEachRemaining(parts::add);
        }
        return parts;
    }

    private static Map<String, BigInteger> readAll(KeyValueStore<String, BigInteger> store) {
        Map<String, BigInteger> all = new HashMap<>();
        try (KeyValueIterator<String, BigInteger> it = store.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }

    private void requireOpen(long epoch, long settled) {
        if (epoch <= settled) {
            throw new IllegalStateException(Where.of(context()) + ": barrier record for epoch " + epoch
                    + ", already settled up to epoch " + settled + ": each is written once, under exactly-once");
        }
    }

    private void requireValid(EpochSubtotals part) {
        if (part.getPartitionCount() != weightPartitions || part.getPartition() < 0
                || part.getPartition() >= weightPartitions || part.getChunkCount() < 1 || part.getChunk() < 0
                || part.getChunk() >= part.getChunkCount()) {
            throw new IllegalStateException(Where.of(context()) + ": subtotals of epoch " + part.getEpoch()
                    + " from partition " + part.getPartition() + " of " + part.getPartitionCount() + ", chunk "
                    + part.getChunk() + " of " + part.getChunkCount() + "; the ledger runs with " + weightPartitions
                    + " jobs partitions");
        }
    }

    private LedgerSettlementState current() {
        LedgerSettlementState current = state.get(LedgerStores.POOL);
        return current != null ? current : new LedgerSettlementState(0L, -1L, Amounts.toAvro(BigInteger.ZERO));
    }
}
