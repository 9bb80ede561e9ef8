package io.livepeerpool.ledger.streams.members;

import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.payout.AccountChange;
import io.livepeerpool.ledger.payout.MemberAccount;
import io.livepeerpool.ledger.payout.MemberCredit;
import io.livepeerpool.ledger.payout.PayoutPreferences;
import io.livepeerpool.ledger.payout.PayoutResolution;
import io.livepeerpool.ledger.settlement.Allocation;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.ledger.streams.LedgerStores;
import io.livepeerpool.ledger.streams.records.MemberRecords;
import io.livepeerpool.schemas.avro.LedgerSettlementState;
import io.livepeerpool.schemas.avro.PayoutSettings;
import java.math.BigInteger;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The members' side of the settlement task's state, over its stores: what the replay's {@code MemberBook} keeps in
 * memory, with the same pure functions ({@link MemberCredit}, {@link PayoutResolution}). Used by the settlement
 * (credits), the payout outcomes and the payout settings processors, which share the stores in one task.
 */
public final class MemberAccounts {
    private final KeyValueStore<String, BigInteger> balances;
    private final KeyValueStore<String, BigInteger> debts;
    private final KeyValueStore<String, io.livepeerpool.schemas.avro.PayoutRequest> open;
    private final KeyValueStore<String, PayoutSettings> settings;
    private final KeyValueStore<String, Long> sequence;
    private final KeyValueStore<String, LedgerSettlementState> settlementState;

    private MemberAccounts(ProcessingContext context) {
        balances = context.getStateStore(LedgerStores.BALANCES);
        debts = context.getStateStore(LedgerStores.DEBTS);
        open = context.getStateStore(LedgerStores.OPEN_PAYOUTS);
        settings = context.getStateStore(LedgerStores.PAYOUT_SETTINGS);
        sequence = context.getStateStore(LedgerStores.ACCOUNT_SEQUENCE);
        settlementState = context.getStateStore(LedgerStores.SETTLEMENT_STATE);
    }

    public static MemberAccounts of(ProcessingContext context) {
        return new MemberAccounts(context);
    }

    /** One allocation credited: the step, and a {@code DebtNetted} change when it paid off a debt. */
    public record Credit(MemberCredit.Step step, Optional<AccountChange> change) {
    }

    public Credit credit(long round, Allocation allocation, BigInteger poolThresholdWei) {
        String transcoder = allocation.transcoder();
        MemberAccount before = accountOf(transcoder);
        MemberCredit.Step step = MemberCredit.credit(transcoder, before, allocation.amount(), round,
                preferencesOf(transcoder).orElse(null), poolThresholdWei);
        put(transcoder, step.account());
        step.payout().ifPresent(p -> open.put(p.payoutId(), MemberRecords.payoutRequest(p)));
        Optional<AccountChange> change = before.debt().signum() > 0
                ? Optional.of(new AccountChange(transcoder, round, AccountChange.Cause.DebtNetted, null, null,
                        allocation.amount(), BigInteger.ZERO, step.account()))
                : Optional.empty();
        return new Credit(step, change);
    }

    /** As {@code MemberBook.resolve}: the first outcome of an open payout; empty for a duplicate or unknown id. */
    public Optional<AccountChange> resolve(PayoutOutcome outcome) {
        io.livepeerpool.schemas.avro.PayoutRequest stored = open.get(outcome.payoutId());
        if (stored == null) {
            return Optional.empty();
        }
        PayoutRequest request = MemberRecords.payoutRequest(stored);
        PayoutResolution.Resolution resolution = PayoutResolution.resolve(request, outcome);
        open.delete(outcome.payoutId());
        MemberAccount after = accountOf(outcome.transcoder()).plus(resolution.credited(), resolution.charged());
        put(outcome.transcoder(), after);
        return Optional.of(new AccountChange(outcome.transcoder(), settledRound(),
                AccountChange.Cause.PayoutResolved, outcome.payoutId(), outcome.status().name(),
                resolution.credited(), resolution.charged(), after));
    }

    /** As {@code MemberBook.apply}: only a nonce above the last applied one replaces the settings. */
    public boolean apply(PayoutSettingsChange change, PayoutSettings record) {
        Optional<PayoutPreferences> current = preferencesOf(change.transcoder());
        if (current.isPresent() && !current.get().replacedBy(change.nonce())) {
            return false;
        }
        settings.put(change.transcoder(), record);
        return true;
    }

    /** The next ledger-wide sequence number of an account change (1, 2, ...). */
    public long nextSequence() {
        Long last = sequence.get(LedgerStores.POOL);
        long next = last == null ? 1 : last + 1;
        sequence.put(LedgerStores.POOL, next);
        return next;
    }

    private Optional<PayoutPreferences> preferencesOf(String transcoder) {
        PayoutSettings record = settings.get(transcoder);
        return record == null ? Optional.empty() : Optional.of(MemberRecords.preferences(record));
    }

    private MemberAccount accountOf(String transcoder) {
        BigInteger balance = balances.get(transcoder);
        BigInteger debt = debts.get(transcoder);
        return new MemberAccount(balance == null ? BigInteger.ZERO : balance, debt == null ? BigInteger.ZERO : debt);
    }

    private void put(String transcoder, MemberAccount account) {
        if (account.balance().signum() == 0) {
            balances.delete(transcoder);
        } else {
            balances.put(transcoder, account.balance());
        }
        if (account.debt().signum() == 0) {
            debts.delete(transcoder);
        } else {
            debts.put(transcoder, account.debt());
        }
    }

    private long settledRound() {
        LedgerSettlementState state = settlementState.get(LedgerStores.POOL);
        return state == null ? -1 : state.getSettledRound();
    }
}
