package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.ledger.maxfloat.SenderFunds;
import io.livepeerpool.ledger.maxfloat.SenderViews;
import io.livepeerpool.ledger.maxfloat.TicketFlight;
import io.livepeerpool.ledger.streams.records.Amounts;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.DepositFundedEvent;
import io.livepeerpool.schemas.avro.IntentTicket;
import io.livepeerpool.schemas.avro.MaxFloat;
import io.livepeerpool.schemas.avro.NewRoundEvent;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionIntent;
import io.livepeerpool.schemas.avro.RedemptionIntentState;
import io.livepeerpool.schemas.avro.ReserveClaimedEvent;
import io.livepeerpool.schemas.avro.ReserveFundedEvent;
import io.livepeerpool.schemas.avro.UnlockCancelledEvent;
import io.livepeerpool.schemas.avro.UnlockEvent;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import io.livepeerpool.schemas.avro.WithdrawalEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One partition of the max float: applies chain events to the senders it owns, redemption starts and ends by ticket
 * hash, and forwards a sender's {@link MaxFloat} whenever its inputs changed. A sender seen for the first time starts
 * from the chain's views ({@link SenderViews}) read at the block up to which this partition has applied chain events
 * (for a chain event: the block before it), so nothing is counted twice or missed.
 */
final class MaxFloatProcessor implements Processor<String, SpecificRecord, String, MaxFloat> {
    private static final String LAST_BLOCK = "lastBlock";

    private final String recipient;
    private final int partitions;
    private final SenderViews views;
    private ProcessorContext<String, MaxFloat> context;
    private KeyValueStore<String, MaxFloat> senders;
    private KeyValueStore<String, String> tickets;
    private KeyValueStore<String, Long> position;

    /** @param recipient the pool's orchestrator, lowercase 0x address */
    MaxFloatProcessor(String recipient, int partitions, SenderViews views) {
        this.recipient = recipient;
        this.partitions = partitions;
        this.views = views;
    }

    @Override
    public void init(ProcessorContext<String, MaxFloat> context) {
        this.context = context;
        this.senders = context.getStateStore(MaxFloatTopology.SENDERS_STORE);
        this.tickets = context.getStateStore(MaxFloatTopology.TICKETS_STORE);
        this.position = context.getStateStore(MaxFloatTopology.POSITION_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        switch (record.value()) {
            case ChainEvent e -> onChainEvent(e, record.timestamp());
            case RedemptionIntent i -> onIntent(record.key(), i, record.timestamp());
            case Redemption r -> onOutcome(record.key(), r, record.timestamp());
            default -> throw new IllegalStateException("not a max-float input: " + record.value().getClass());
        }
    }

    private void onChainEvent(ChainEvent e, long timestamp) {
        position.put(LAST_BLOCK, e.getBlockNumber());
        if (e.getEvent() instanceof NewRoundEvent round) {
            onNewRound(round, timestamp);
            return;
        }
        String sender = MaxFloatInputs.keyOf(e).orElse(null);
        if (sender == null || !owns(sender)) {
            return;
        }
        SenderFunds before = stored(sender);
        SenderFunds base = before != null ? before : views.read(sender, OptionalLong.of(e.getBlockNumber() - 1));
        SenderFunds after = switch (e.getEvent()) {
            case DepositFundedEvent d -> base.depositFunded(wei(d.getAmount()));
            case ReserveFundedEvent r -> base.reserveFunded(wei(r.getAmount()));
            case ReserveClaimedEvent c -> base.reserveClaimed(recipient.equals(c.getClaimant()), wei(c.getAmount()));
            case WinningTicketTransferEvent t -> base.ticketTransferred(wei(t.getAmount()));
            case UnlockEvent u -> base.unlocked(u.getEndRound());
            case UnlockCancelledEvent u -> base.unlockCancelled();
            case WithdrawalEvent w -> base.withdrawn();
            default -> base;
        };
        publish(sender, before, after, e.getEvent().getClass().getSimpleName().replace("Event", ""), timestamp);
    }

    private void onNewRound(NewRoundEvent round, long timestamp) {
        List<KeyValue<String, MaxFloat>> all = new ArrayList<>();
        try (KeyValueIterator<String, MaxFloat> it = senders.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, MaxFloat> kv : all) {
            SenderFunds before = MaxFloatRecords.funds(kv.value);
            long poolSize = round.getTranscoderPoolSize() != null ? round.getTranscoderPoolSize() : before.poolSize();
            publish(kv.key, before, before.newRound(round.getRound(), poolSize), "NewRound", timestamp);
        }
    }

    /** Open counts each ticket once; Closed releases what it held; Replaced changes nothing. */
    private void onIntent(String sender, RedemptionIntent intent, long timestamp) {
        if (intent.getState() == RedemptionIntentState.Replaced) {
            return;
        }
        BigInteger delta = BigInteger.ZERO;
        for (IntentTicket t : intent.getTickets()) {
            if (!recipient.equals(t.getRecipient())) {
                continue; // another orchestrator's ticket: its redemption is not this recipient's pending
            }
            TicketFlight current = TicketFlightCodec.decode(tickets.get(t.getTicketHash()));
            TicketFlight.Step step = intent.getState() == RedemptionIntentState.Open
                    ? TicketFlight.opened(current, intent.getIntentId(), wei(t.getFaceValue()))
                    : TicketFlight.closed(current, intent.getIntentId());
            tickets.put(t.getTicketHash(), TicketFlightCodec.encode(step.next()));
            delta = delta.add(step.pendingDelta());
        }
        applyPending(sender, delta, timestamp);
    }

    private void onOutcome(String sender, Redemption outcome, long timestamp) {
        if (!recipient.equals(outcome.getRecipient())) {
            return;
        }
        TicketFlight.Step step = TicketFlight.ended(TicketFlightCodec.decode(tickets.get(outcome.getTicketHash())));
        tickets.put(outcome.getTicketHash(), TicketFlightCodec.encode(step.next()));
        applyPending(sender, step.pendingDelta(), timestamp);
    }

    private void applyPending(String sender, BigInteger delta, long timestamp) {
        SenderFunds before = stored(sender);
        SenderFunds base = before != null ? before : views.read(sender, lastBlock());
        SenderFunds after = delta.signum() >= 0 ? base.redemptionStarted(delta) : base.redemptionEnded(delta.negate());
        publish(sender, before, after, delta.signum() >= 0 ? "RedemptionStarted" : "RedemptionEnded", timestamp);
    }

    private void publish(String sender, SenderFunds before, SenderFunds after, String cause, long timestamp) {
        if (after.equals(before)) {
            return;
        }
        MaxFloat value = MaxFloatRecords.toAvro(sender, after, before == null ? "Initialised" : cause, timestamp);
        senders.put(sender, value);
        context.forward(new Record<>(sender, value, timestamp));
    }

    private SenderFunds stored(String sender) {
        MaxFloat r = senders.get(sender);
        return r == null ? null : MaxFloatRecords.funds(r);
    }

    private OptionalLong lastBlock() {
        Long block = position.get(LAST_BLOCK);
        return block == null ? OptionalLong.empty() : OptionalLong.of(block);
    }

    private boolean owns(String sender) {
        int partition = context.recordMetadata().map(m -> m.partition()).orElse(0);
        return SenderPartitions.of(sender, partitions) == partition;
    }

    private static BigInteger wei(java.math.BigDecimal amount) {
        return Amounts.fromAvro(amount, "amount");
    }
}
