package io.livepeerpool.ledger.streams.members;

import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.records.BoundarySource;
import org.apache.kafka.streams.state.KeyValueStore;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.streams.records.MemberRecords;
import io.livepeerpool.ledger.streams.store.Where;
import io.livepeerpool.schemas.avro.PayoutSettings;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pool.payout-settings} in the settlement task: a member's settings with a nonce above its last applied one
 * replace them; the settlements after that use its payout address and threshold. A record that does not validate
 * stops the ledger (the gateway validated it: it is a bug, not a member's mistake).
 */
public final class PayoutSettingsProcessor extends ContextualProcessor<String, PayoutSettings, Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(PayoutSettingsProcessor.class);

    private MemberAccounts members;
    private KeyValueStore<String, Long> positions;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        super.init(context);
        members = MemberAccounts.of(context);
        positions = context.getStateStore(LedgerStores.MEMBER_POSITIONS);
    }

    @Override
    public void process(Record<String, PayoutSettings> record) {
        // where the next settlement's boundary for this topic lies (see BoundarySource)
        positions.put(BoundarySource.PAYOUT_SETTINGS.text(), context().recordMetadata().orElseThrow().offset() + 1);
        if (record.value() == null) {
            throw new IllegalStateException(Where.of(context()) + ": payout settings without a value");
        }
        PayoutSettingsChange change;
        try {
            change = MemberRecords.settings(record.value());
        } catch (IllegalArgumentException e) {
            throw Where.problem(context(), "invalid payout settings", e);
        }
        if (!members.apply(change, record.value())) {
            log.info("{}: payout settings of {} with nonce {} ignored: not above the last applied nonce",
                    Where.of(context()), change.transcoder(), change.nonce());
        }
    }
}
