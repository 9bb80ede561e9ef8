package io.livepeerpool.ledger.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.ledger.replay.LedgerReplay;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.platform.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** What the offline replay ({@link LedgerReplay}, JSON lines in and out) says the ledger must produce. */
final class ReplayOracle {
    private ReplayOracle() {
    }

    record Expected(List<Outputs.SettlementLine> settlements, List<Outputs.PayoutLine> payouts,
                    List<Outputs.ChangeLine> changes, List<Outputs.RefusalLine> refusals,
                    List<String> ignoredTransfers) {
        List<Outputs.AllocationLine> allocations() {
            return Outputs.allocations(settlements, payouts);
        }
    }

    static Expected replay(LedgerPolicy policy, List<? extends LedgerEvent> events) {
        StringBuilder input = new StringBuilder();
        events.forEach(e -> input.append(line(e)).append('\n'));
        StringWriter output = new StringWriter();
        LedgerReplay.replay(new StringReader(input.toString()), output, policy);
        List<Outputs.SettlementLine> settlements = new ArrayList<>();
        List<Outputs.PayoutLine> payouts = new ArrayList<>();
        List<Outputs.ChangeLine> changes = new ArrayList<>();
        List<Outputs.RefusalLine> refusals = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String line : output.toString().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode json = read(line);
            switch (json.get("type").asText()) {
                case "settlement" -> settlements.add(Outputs.SettlementLine.of(json));
                case "payoutRequest" -> payouts.add(Outputs.PayoutLine.of(json));
                case "accountChange" -> changes.add(Outputs.ChangeLine.of(json));
                case "refusedJob" -> refusals.add(Outputs.RefusalLine.of(json));
                case "ignoredTransfer" -> ignored.add(json.get("txHash").asText() + "|" + json.get("logIndex").asLong());
                default -> throw new IllegalStateException("unexpected replay line " + line);
            }
        }
        return new Expected(settlements, payouts, changes, refusals, ignored);
    }

    static String line(LedgerEvent event) {
        ObjectNode json = Json.mapper().createObjectNode();
        switch (event) {
            case TranscoderJob j -> json.put("type", "job").put("orchestrator", j.orchestrator())
                    .put("jobId", j.jobId()).put("transcoder", j.transcoder()).put("pixels", j.pixels())
                    .put("duration", BigDecimal.valueOf(j.durationMs(), 3).toPlainString())
                    .put("profiles", j.profiles()).put("roundJob", j.roundJob());
            case TicketTransfer t -> json.put("type", "ticketTransfer").put("txHash", t.txHash())
                    .put("logIndex", t.logIndex()).put("sender", t.sender()).put("recipient", t.recipient())
                    .put("amount", t.amount().toString()).put("gasCost", t.gasCost().toString())
                    .put("txTickets", t.txTickets()).put("txTicketIndex", t.txTicketIndex());
            case TranscoderUpdate u -> json.put("type", "transcoderUpdate").put("transcoder", u.transcoder())
                    .put("rewardCut", u.rewardCut()).put("feeShare", u.feeShare());
            case NewRound r -> json.put("type", "newRound").put("round", r.round());
            case PayoutOutcome o -> json.put("type", "payout").put("payoutId", o.payoutId())
                    .put("transcoder", o.transcoder()).put("status", o.status().name())
                    .put("amount", o.amount().toString()).put("amountSent", o.amountSent().toString())
                    .put("gasShare", o.gasShare().toString()).put("gasPaidBy", o.memberPaysGas() ? "member" : "pool");
            case PayoutSettingsChange c -> json.put("type", "payoutSettings").put("transcoder", c.transcoder())
                    .put("payoutAddress", c.payoutAddress()).put("threshold", c.thresholdWei().toString())
                    .put("nonce", c.nonce());
        }
        return json.toString();
    }

    private static JsonNode read(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
