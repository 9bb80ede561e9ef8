package io.livepeerpool.ledger.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.Settlement;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's outputs as plain values, from the topology's Avro records or from the replay's JSON lines, so the two
 * can be compared with {@code equals}.
 */
final class Outputs {
    private Outputs() {
    }

    record Line(String transcoder, BigInteger weight, BigInteger amount) {
    }

    record SettlementLine(long round, BigInteger revenue, BigInteger totalWeight, BigInteger poolFee,
                          BigInteger distributed, BigInteger carriedRevenue, List<Line> allocations) {
        static SettlementLine of(Settlement s) {
            return new SettlementLine(s.getRound(), s.getRevenue().toBigIntegerExact(),
                    s.getTotalWeight().toBigIntegerExact(), s.getPoolFee().toBigIntegerExact(),
                    s.getDistributed().toBigIntegerExact(), s.getCarriedRevenue().toBigIntegerExact(),
                    s.getAllocations().stream().map(a -> new Line(a.getTranscoder(),
                            a.getWeight().toBigIntegerExact(), a.getAmount().toBigIntegerExact())).toList());
        }

        static SettlementLine of(JsonNode json) {
            List<Line> lines = new ArrayList<>();
            json.get("allocations").forEach(a -> lines.add(new Line(a.get("transcoder").asText(),
                    new BigInteger(a.get("weight").asText()), new BigInteger(a.get("amount").asText()))));
            return new SettlementLine(json.get("round").asLong(), big(json, "revenue"), big(json, "totalWeight"),
                    big(json, "poolFee"), big(json, "distributed"), big(json, "carriedRevenue"), lines);
        }
    }

    record PayoutLine(long round, String transcoder, BigInteger amount, String payoutId, String payee) {
        static PayoutLine of(PayoutRequest p) {
            return new PayoutLine(p.getRound(), p.getTranscoder(), p.getAmount().toBigIntegerExact(), p.getPayoutId(),
                    p.getPayee());
        }

        static PayoutLine of(JsonNode json) {
            return new PayoutLine(json.get("round").asLong(), json.get("transcoder").asText(), big(json, "amount"),
                    json.get("payoutId").asText(), json.hasNonNull("payee") ? json.get("payee").asText() : null);
        }
    }

    /** An account change (payout resolved, debt netted) without the streams' sequence number. */
    record ChangeLine(String transcoder, long afterRound, String cause, String payoutId, String status,
                      BigInteger credited, BigInteger charged, BigInteger balance, BigInteger debt) {
        static ChangeLine of(io.livepeerpool.schemas.avro.MemberAccountChange c) {
            return new ChangeLine(c.getTranscoder(), c.getAfterRound(), c.getCause().name(), c.getPayoutId(),
                    c.getStatus(), c.getCredited().toBigIntegerExact(), c.getCharged().toBigIntegerExact(),
                    c.getBalanceAfter().toBigIntegerExact(), c.getDebtAfter().toBigIntegerExact());
        }

        static ChangeLine of(JsonNode json) {
            return new ChangeLine(json.get("transcoder").asText(), json.get("afterRound").asLong(),
                    json.get("cause").asText(), json.hasNonNull("payoutId") ? json.get("payoutId").asText() : null,
                    json.hasNonNull("status") ? json.get("status").asText() : null, big(json, "credited"),
                    big(json, "charged"), big(json, "balance"), big(json, "debt"));
        }
    }

    record RefusalLine(String orchestrator, String jobId, long roundJob, String reason) {
        static RefusalLine of(io.livepeerpool.schemas.avro.JobRefusal r) {
            return new RefusalLine(r.getOrchestrator(), r.getJobId(), r.getRoundJob(), r.getReason());
        }

        static RefusalLine of(JsonNode json) {
            return new RefusalLine(json.get("orchestrator").asText(), json.get("jobId").asText(),
                    json.get("roundJob").asLong(), json.get("reason").asText());
        }
    }

    record AllocationLine(long round, String transcoder, BigInteger weight, BigInteger amount,
                          BigInteger balanceAfter) {
        static final Comparator<AllocationLine> ORDER = Comparator.comparingLong(AllocationLine::round)
                .thenComparing(AllocationLine::transcoder);

        static AllocationLine of(Allocation a) {
            return new AllocationLine(a.getRound(), a.getTranscoder(), a.getWeight().toBigIntegerExact(),
                    a.getAmount().toBigIntegerExact(), a.getBalanceAfter().toBigIntegerExact());
        }
    }

    /**
     * The allocation records the settlements and payouts imply: balance += amount, and 0 after the payout request
     * of that round, if any. Sorted by round, then transcoder.
     */
    static List<AllocationLine> allocations(List<SettlementLine> settlements, List<PayoutLine> payouts) {
        Map<String, BigInteger> balances = new HashMap<>();
        List<AllocationLine> lines = new ArrayList<>();
        for (SettlementLine s : settlements) {
            for (Line a : s.allocations()) {
                BigInteger balance = balances.getOrDefault(a.transcoder(), BigInteger.ZERO).add(a.amount());
                boolean paid = payouts.stream().anyMatch(p -> p.round() == s.round()
                        && p.transcoder().equals(a.transcoder()));
                balance = paid ? BigInteger.ZERO : balance;
                balances.put(a.transcoder(), balance);
                lines.add(new AllocationLine(s.round(), a.transcoder(), a.weight(), a.amount(), balance));
            }
        }
        lines.sort(AllocationLine.ORDER);
        return lines;
    }

    private static BigInteger big(JsonNode json, String field) {
        return new BigInteger(json.get(field).asText());
    }
}
