package io.livepeerpool.ledger.replay;

import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.ledger.settlement.SettlementResult;
import java.util.List;

/** What one NewRound produced: its settlement and the payout requests it triggered, in address order. */
public record RoundOutcome(SettlementResult settlement, List<PayoutRequest> payouts) implements LedgerOutput {

    public RoundOutcome {
        payouts = List.copyOf(payouts);
    }
}
