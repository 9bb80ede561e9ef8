package io.livepeerpool.ledger.replay;

import io.livepeerpool.ledger.payout.AccountChange;
import io.livepeerpool.ledger.settlement.Allocation;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.ledger.settlement.SettlementResult;

/**
 * The replay's output lines, fields in a fixed order so that two replays can be compared byte for byte: amounts and
 * weights as decimal strings, rounds as numbers, addresses lowercase.
 */
final class OutputLines {

    private OutputLines() {
    }

    static String settlement(SettlementResult s) {
        return write(json -> {
            json.writeStringField("type", "settlement");
            json.writeNumberField("round", s.round());
            json.writeStringField("revenue", s.revenue().toString());
            json.writeStringField("totalWeight", s.totalWeight().toString());
            json.writeStringField("poolFee", s.poolFee().toString());
            json.writeStringField("distributed", s.distributed().toString());
            json.writeStringField("carriedRevenue", s.carriedRevenue().toString());
            json.writeArrayFieldStart("allocations");
            for (Allocation allocation : s.allocations()) {
                json.writeStartObject();
                json.writeStringField("transcoder", allocation.transcoder());
                json.writeStringField("weight", allocation.weight().toString());
                json.writeStringField("amount", allocation.amount().toString());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    static String payoutRequest(PayoutRequest p) {
        return write(json -> {
            json.writeStringField("type", "payoutRequest");
            json.writeNumberField("round", p.round());
            json.writeStringField("transcoder", p.transcoder());
            json.writeStringField("amount", p.amount().toString());
            json.writeStringField("payoutId", p.payoutId());
            if (p.payee() != null) {
                json.writeStringField("payee", p.payee());
            }
        });
    }

    static String accountChange(AccountChange c) {
        return write(json -> {
            json.writeStringField("type", "accountChange");
            json.writeStringField("transcoder", c.transcoder());
            json.writeNumberField("afterRound", c.afterRound());
            json.writeStringField("cause", c.cause().name());
            if (c.payoutId() != null) {
                json.writeStringField("payoutId", c.payoutId());
                json.writeStringField("status", c.status());
            }
            json.writeStringField("credited", c.credited().toString());
            json.writeStringField("charged", c.charged().toString());
            json.writeStringField("balance", c.after().balance().toString());
            json.writeStringField("debt", c.after().debt().toString());
        });
    }

    static String refusedJob(LedgerOutput.RefusedJob r) {
        return write(json -> {
            json.writeStringField("type", "refusedJob");
            json.writeStringField("orchestrator", r.orchestrator());
            json.writeStringField("jobId", r.jobId());
            json.writeNumberField("roundJob", r.roundJob());
            json.writeStringField("reason", r.reason().text());
        });
    }

    static String ignoredTransfer(LedgerOutput.IgnoredTransfer t) {
        return write(json -> {
            json.writeStringField("type", "ignoredTransfer");
            json.writeStringField("txHash", t.txHash());
            json.writeNumberField("logIndex", t.logIndex());
            json.writeStringField("recipient", t.recipient());
        });
    }

    private static String write(JsonLine.Fields fields) {
        return JsonLine.of(fields);
    }
}
