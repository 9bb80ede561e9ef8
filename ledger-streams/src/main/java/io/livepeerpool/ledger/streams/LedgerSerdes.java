package io.livepeerpool.ledger.streams;

import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.EpochBoundary;
import io.livepeerpool.schemas.avro.EpochSubtotals;
import io.livepeerpool.schemas.avro.JobRefusal;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import io.livepeerpool.schemas.avro.LedgerChainState;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import io.livepeerpool.schemas.avro.LedgerSettlementState;
import io.livepeerpool.schemas.avro.MemberAccountChange;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutSettings;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.RevenueClosed;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderJob;
import io.livepeerpool.schemas.registry.SchemaRegistryClient;
import io.livepeerpool.schemas.serde.AvroSerde;
import org.apache.kafka.common.serialization.Serde;

/**
 * The value serdes of the ledger's topics and stores (keys are strings). {@link #avro} gives the Confluent wire
 * format through the registry: topics and changelogs register their schemas under {@code <topic>-value}.
 */
public record LedgerSerdes(
        Serde<TranscoderJob> jobs,
        Serde<ChainEvent> chainEvents,
        Serde<LedgerJobEvent> jobEvents,
        Serde<LedgerBarrierEvent> barrierEvents,
        Serde<Settlement> settlements,
        Serde<Allocation> allocations,
        Serde<PayoutRequest> payoutRequests,
        Serde<LedgerChainState> chainState,
        Serde<LedgerSettlementState> settlementState,
        Serde<RevenueClosed> revenueClosed,
        Serde<EpochSubtotals> epochSubtotals,
        Serde<Payout> payouts,
        Serde<PayoutSettings> payoutSettings,
        Serde<MemberAccountChange> accountChanges,
        Serde<JobRefusal> jobRefusals,

        Serde<EpochBoundary> epochBoundaries) {

    /** Serdes over {@code registry}, which the caller keeps and closes. */
    public static LedgerSerdes avro(SchemaRegistryClient registry) {
        return new LedgerSerdes(
                AvroSerde.forClass(TranscoderJob.class, registry),
                AvroSerde.forClass(ChainEvent.class, registry),
                AvroSerde.forClass(LedgerJobEvent.class, registry),
                AvroSerde.forClass(LedgerBarrierEvent.class, registry),
                AvroSerde.forClass(Settlement.class, registry),
                AvroSerde.forClass(Allocation.class, registry),
                AvroSerde.forClass(PayoutRequest.class, registry),
                AvroSerde.forClass(LedgerChainState.class, registry),
                AvroSerde.forClass(LedgerSettlementState.class, registry),
                AvroSerde.forClass(RevenueClosed.class, registry),
                AvroSerde.forClass(EpochSubtotals.class, registry),
                AvroSerde.forClass(Payout.class, registry),
                AvroSerde.forClass(PayoutSettings.class, registry),
                AvroSerde.forClass(MemberAccountChange.class, registry),
                AvroSerde.forClass(JobRefusal.class, registry),

                AvroSerde.forClass(EpochBoundary.class, registry));
    }
}
