package io.livepeerpool.ledger.replay;

import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.payout.AccountChange;
import io.livepeerpool.ledger.payout.MemberAccount;
import io.livepeerpool.ledger.payout.MemberCredit;
import io.livepeerpool.ledger.payout.PayoutPreferences;
import io.livepeerpool.ledger.payout.PayoutResolution;
import io.livepeerpool.ledger.settlement.Allocation;
import io.livepeerpool.ledger.settlement.Balances;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The members' side of the ledger in one process, for the replay: accounts (balance or gas debt), the payout
 * requests not yet resolved, and the payout settings in force. Mutable and single-threaded; the streams topology
 * keeps the same state in stores and calls the same pure functions.
 */
final class MemberBook {
    private final TreeMap<String, MemberAccount> accounts = new TreeMap<>();
    private final Map<String, PayoutRequest> open = new HashMap<>();
    private final Map<String, PayoutPreferences> preferences = new HashMap<>();

    /** The payout requests and account changes of one settlement. */
    record Credited(List<PayoutRequest> payouts, List<AccountChange> changes) {
    }

    /** Credits a settlement's allocations; payout requests and changes come out in address order. */
    Credited credit(long round, List<Allocation> allocations, BigInteger poolThresholdWei) {
        List<PayoutRequest> payouts = new ArrayList<>();
        List<AccountChange> changes = new ArrayList<>();
        for (Allocation allocation : allocations) {
            String transcoder = allocation.transcoder();
            MemberAccount before = accountOf(transcoder);
            MemberCredit.Step step = MemberCredit.credit(transcoder, before, allocation.amount(), round,
                    preferences.get(transcoder), poolThresholdWei);
            put(transcoder, step.account());
            step.payout().ifPresent(payout -> {
                payouts.add(payout);
                open.put(payout.payoutId(), payout);
            });
            if (before.debt().signum() > 0) {
                changes.add(new AccountChange(transcoder, round, AccountChange.Cause.DebtNetted, null, null,
                        allocation.amount(), BigInteger.ZERO, step.account()));
            }
        }
        payouts.sort(Comparator.comparing(PayoutRequest::transcoder));
        changes.sort(Comparator.comparing(AccountChange::transcoder));
        return new Credited(payouts, changes);
    }

    /**
     * Applies the first outcome of an open payout; empty for a payout already resolved or never requested (a
     * duplicate outcome changes nothing).
     */
    Optional<AccountChange> resolve(PayoutOutcome outcome, long lastSettledRound) {
        PayoutRequest request = open.get(outcome.payoutId());
        if (request == null) {
            return Optional.empty();
        }
        PayoutResolution.Resolution resolution = PayoutResolution.resolve(request, outcome);
        open.remove(outcome.payoutId());
        MemberAccount after = accountOf(outcome.transcoder()).plus(resolution.credited(), resolution.charged());
        put(outcome.transcoder(), after);
        return Optional.of(new AccountChange(outcome.transcoder(), lastSettledRound,
                AccountChange.Cause.PayoutResolved, outcome.payoutId(), outcome.status().name(),
                resolution.credited(), resolution.charged(), after));
    }

    /** Applies settings with a nonce above the member's last; true when they replaced what was in force. */
    boolean apply(PayoutSettingsChange change) {
        PayoutPreferences current = preferences.get(change.transcoder());
        if (current != null && !current.replacedBy(change.nonce())) {
            return false;
        }
        preferences.put(change.transcoder(), new PayoutPreferences(change.payoutAddress(), change.thresholdWei(),
                change.nonce()));
        return true;
    }

    MemberAccount accountOf(String transcoder) {
        return accounts.getOrDefault(transcoder, MemberAccount.ZERO);
    }

    Optional<PayoutPreferences> preferencesOf(String transcoder) {
        return Optional.ofNullable(preferences.get(transcoder));
    }

    /** Payout requests not yet resolved by an outcome, by payout id. */
    Map<String, PayoutRequest> openPayouts() {
        return Map.copyOf(open);
    }

    /** The members' balances (debts are not in it: see {@link #debts()}). */
    Balances balances() {
        TreeMap<String, BigInteger> balances = new TreeMap<>();
        accounts.forEach((t, a) -> {
            if (a.balance().signum() > 0) {
                balances.put(t, a.balance());
            }
        });
        return new Balances(balances);
    }

    Map<String, BigInteger> debts() {
        TreeMap<String, BigInteger> debts = new TreeMap<>();
        accounts.forEach((t, a) -> {
            if (a.debt().signum() > 0) {
                debts.put(t, a.debt());
            }
        });
        return debts;
    }

    private void put(String transcoder, MemberAccount account) {
        if (account.equals(MemberAccount.ZERO)) {
            accounts.remove(transcoder);
        } else {
            accounts.put(transcoder, account);
        }
    }
}
