package io.livepeerpool.ledger.replay;

import io.livepeerpool.ledger.payout.AccountChange;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.ledger.settlement.SettlementResult;
import java.util.List;

/**
 * What one NewRound produced: its settlement, the payout requests it triggered and the debts its allocations paid
 * off ({@code DebtNetted} changes), each in address order.
 */
public record RoundOutcome(SettlementResult settlement, List<PayoutRequest> payouts, List<AccountChange> changes)
        implements LedgerOutput {

    public RoundOutcome {
        payouts = List.copyOf(payouts);
        changes = List.copyOf(changes);
    }

    public RoundOutcome(SettlementResult settlement, List<PayoutRequest> payouts) {
        this(settlement, payouts, List.of());
    }
}
