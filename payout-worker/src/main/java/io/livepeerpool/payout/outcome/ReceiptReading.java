package io.livepeerpool.payout.outcome;

import io.livepeerpool.chain.payouts.PayoutLog;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a mined pay transaction's PoolPayouts logs back onto the payouts it carried, in call order. Each id appears
 * once in a batch (the worker never puts one payout twice in a transaction), so each has at most one log.
 */
public final class ReceiptReading {
    private ReceiptReading() {
    }

    public static List<LineResult> results(List<Bytes32> ids, boolean success, List<PayoutLog> logs) {
        List<LineResult> out = new ArrayList<>(ids.size());
        if (!success) {
            ids.forEach(id -> out.add(new LineResult.Reverted()));
            return out;
        }
        Map<Bytes32, PayoutLog> byId = new HashMap<>();
        for (PayoutLog log : logs) {
            if (byId.putIfAbsent(log.id(), log) != null) {
                throw new IllegalStateException("two PoolPayouts logs for id " + log.id() + " in one transaction");
            }
        }
        for (Bytes32 id : ids) {
            out.add(switch (byId.get(id)) {
                case PayoutLog.Paid p -> new LineResult.Paid(p.amount(), p.logIndex());
                case PayoutLog.Refused r -> new LineResult.Refused(r.amount(), r.logIndex());
                case PayoutLog.Skipped s -> new LineResult.Unexplained("PayoutSkipped: settled by an earlier transaction");
                case null -> new LineResult.Unexplained("no PoolPayouts log for this id");
            });
        }
        return out;
    }
}
