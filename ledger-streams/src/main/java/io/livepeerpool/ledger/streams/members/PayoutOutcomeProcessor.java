package io.livepeerpool.ledger.streams.members;

import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.records.BoundarySource;
import org.apache.kafka.streams.state.KeyValueStore;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.payout.AccountChange;
import io.livepeerpool.ledger.streams.records.MemberRecords;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.schemas.avro.MemberAccountChange;
import io.livepeerpool.schemas.avro.Payout;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pool.payouts} in the settlement task: the first outcome of each open payout request is applied to the
 * member's account ({@link MemberAccounts#resolve}) and the change goes to {@code pool.ledger-account-changes}, in
 * the same transaction. A duplicate outcome, or one for a payout this ledger never requested, changes nothing (one
 * log line). An outcome that contradicts its request stops the ledger, as every broken invariant does.
 */
public final class PayoutOutcomeProcessor extends ContextualProcessor<String, Payout, String, MemberAccountChange> {
    private static final Logger log = LoggerFactory.getLogger(PayoutOutcomeProcessor.class);

    private final String changesSink;
    private MemberAccounts members;
    private KeyValueStore<String, Long> positions;

    public PayoutOutcomeProcessor(String changesSink) {
        this.changesSink = changesSink;
    }

    @Override
    public void init(ProcessorContext<String, MemberAccountChange> context) {
        super.init(context);
        members = MemberAccounts.of(context);
        positions = context.getStateStore(LedgerStores.MEMBER_POSITIONS);
    }

    @Override
    public void process(Record<String, Payout> record) {
        // where the next settlement's boundary for this topic lies (see BoundarySource)
        positions.put(BoundarySource.PAYOUTS.text(), context().recordMetadata().orElseThrow().offset() + 1);
        if (record.value() == null) {
            throw new IllegalStateException(Where.of(context()) + ": a payout outcome without a value");
        }
        Optional<AccountChange> change;
        try {
            PayoutOutcome outcome = MemberRecords.outcome(record.value());
            change = members.resolve(outcome);
        } catch (IllegalArgumentException e) {
            throw Where.problem(context(), "payout outcome " + record.value().getPayoutId(), e);
        }
        if (change.isEmpty()) {
            log.info("{}: outcome of payout {} ignored: not an open payout request (already resolved or never "
                    + "requested)", Where.of(context()), record.value().getPayoutId());
            return;
        }
        AccountChange applied = change.get();
        context().forward(new Record<>(applied.transcoder(),
                MemberRecords.accountChange(applied, members.nextSequence()), record.timestamp()), changesSink);
    }
}
