package io.livepeerpool.ledger.streams.chain;

import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.ledger.settlement.FeeShares;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.NetRevenue;
import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.records.Amounts;
import io.livepeerpool.ledger.streams.records.LedgerRecords;
import io.livepeerpool.ledger.streams.store.DedupeWindow;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.EpochMarker;
import io.livepeerpool.schemas.avro.LedgerBarrierEvent;
import io.livepeerpool.schemas.avro.LedgerChainState;
import io.livepeerpool.schemas.avro.LedgerJobEvent;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.RevenueClosed;
import io.livepeerpool.schemas.avro.TranscoderUpdateEvent;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import java.math.BigInteger;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain-events topic (one partition, block order): revenue and rounds.
 * <ul>
 *   <li>WinningTicketTransfer: counted once per (txHash, logIndex) within the dedupe window; one to a recipient
 *       outside {@code ledger.orchestrators} is not revenue (logged once); otherwise its {@link NetRevenue}, at the
 *       orchestrator's fee share in force and with its {@code GasShare} of the transaction's gas, is added to the
 *       open epoch's revenue.</li>
 *   <li>TranscoderUpdate: the orchestrator's feeShare in force from here on ({@link FeeShares}).</li>
 *   <li>NewRound r above the last accepted round: closes the epoch. In one transaction it writes the epoch's revenue
 *       to the barrier ({@code RevenueClosed}) and an {@code EpochMarker} to every partition of the markers topic
 *       (one per jobs partition), then starts the next epoch. A NewRound at or below the last accepted round is a
 *       re-delivered marker and changes nothing, as in the replay.</li>
 *   <li>Every other chain event is not the ledger's business here.</li>
 * </ul>
 * Epochs are numbered by accepted NewRounds (1, 2, ...), not by round, so that skipped round numbers do not shorten
 * the dedupe window: the replay counts its window the same way.
 */
public final class ChainEventsProcessor extends ContextualProcessor<byte[], ChainEvent, String, SpecificRecord> {
    private static final Logger log = LoggerFactory.getLogger(ChainEventsProcessor.class);

    private final LedgerPolicy policy;
    private final int jobPartitions;
    private final String barrierSink;
    private final String markersSink;
    private KeyValueStore<String, LedgerChainState> state;
    private DedupeWindow transfers;
    private KeyValueStore<String, Long> feeShares;

    public ChainEventsProcessor(LedgerPolicy policy, int jobPartitions, String barrierSink, String markersSink) {
        this.policy = policy;
        this.jobPartitions = jobPartitions;
        this.barrierSink = barrierSink;
        this.markersSink = markersSink;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        super.init(context);
        state = context.getStateStore(LedgerStores.CHAIN_STATE);
        transfers = new DedupeWindow(context.getStateStore(LedgerStores.TRANSFER_IDS),
                context.getStateStore(LedgerStores.TRANSFER_ID_EPOCHS), policy.dedupeRetainRounds());
        feeShares = context.getStateStore(LedgerStores.FEE_SHARES);
    }

    @Override
    public void process(Record<byte[], ChainEvent> record) {
        ChainEvent event = record.value();
        if (event == null) {
            throw new IllegalStateException(Where.of(context()) + ": a chain event without a value");
        }
        switch (event.getEvent()) {
            case WinningTicketTransferEvent transfer -> count(transfer(event, transfer));
            case TranscoderUpdateEvent update -> feeShare(update);
            case NewRoundEvent newRound -> newRound(newRound.getRound(), record.timestamp());
            default -> {
                // deposits, reserves, unlocks, ...: other services' business
            }
        }
    }

    private TicketTransfer transfer(ChainEvent event, WinningTicketTransferEvent transfer) {
        try {
            return LedgerRecords.transfer(event, transfer);
        } catch (RuntimeException e) {
            throw Where.problem(context(), "invalid WinningTicketTransfer", e);
        }
    }

    private void count(TicketTransfer transfer) {
        LedgerChainState current = current();
        if (!transfers.firstSighting(transfer.dedupeKey(), current.getEpoch())) {
            return;
        }
        if (!policy.orchestrators().contains(transfer.recipient())) {
            log.info("{}: transfer {} to {} ignored: not one of ledger.orchestrators", Where.of(context()),
                    transfer.dedupeKey(), transfer.recipient());
            return;
        }
        Long lastUpdate = feeShares.get(transfer.recipient());
        int feeShare = FeeShares.inForce(lastUpdate == null ? null : lastUpdate.intValue(), policy);
        BigInteger pending = Amounts.fromAvro(current.getPendingRevenue(), "pendingRevenue");
        current.setPendingRevenue(Amounts.toAvro(pending.add(NetRevenue.of(transfer, feeShare, policy))));
        state.put(LedgerStores.POOL, current);
    }

    private void feeShare(TranscoderUpdateEvent event) {
        TranscoderUpdate update;
        try {
            update = LedgerRecords.transcoderUpdate(event);
        } catch (RuntimeException e) {
            throw Where.problem(context(), "invalid TranscoderUpdate", e);
        }
        feeShares.put(update.transcoder(), (long) update.feeShare());
    }

    private void newRound(long round, long timestamp) {
        LedgerChainState current = current();
        if (round <= current.getLastRound()) {
            log.info("{}: NewRound {} ignored, round {} already accepted", Where.of(context()), round,
                    current.getLastRound());
            return;
        }
        long epoch = current.getEpoch() + 1;
        RevenueClosed closed = new RevenueClosed(epoch, round, current.getPendingRevenue());
        context().forward(new Record<>(LedgerStores.POOL, new LedgerBarrierEvent(closed), timestamp), barrierSink);
        LedgerJobEvent marker = new LedgerJobEvent(new EpochMarker(epoch, round, jobPartitions));
        context().forward(new Record<>(LedgerStores.POOL, marker, timestamp), markersSink);
        state.put(LedgerStores.POOL, new LedgerChainState(epoch, round, Amounts.toAvro(BigInteger.ZERO)));
        transfers.purge(epoch);
    }

    private LedgerChainState current() {
        LedgerChainState current = state.get(LedgerStores.POOL);
        return current != null ? current : new LedgerChainState(0L, -1L, Amounts.toAvro(BigInteger.ZERO));
    }
}
