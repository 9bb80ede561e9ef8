package io.livepeerpool.ledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.livepeerpool.platform.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay's output lines read back as {@link AuditedRound}s: each {@code settlement} line with the
 * {@code payoutRequest} lines after it, and each allocation's balance after it, as the replay's accounts have it:
 * the balance before, plus the allocation, minus the payout it triggered; or, where the allocation paid off a debt,
 * the balance its {@code DebtNetted} change states; a payout outcome between settlements ({@code accountChange},
 * PayoutResolved) sets the member's balance to the one it states. Other lines (refused jobs, ignored transfers) are
 * not compared.
 */
public final class ReplayOutput {
    private ReplayOutput() {
    }

    public static List<AuditedRound> read(Reader in) {
        List<AuditedRound> rounds = new ArrayList<>();
        Map<String, BigInteger> balances = new HashMap<>();
        Map<String, BigInteger> netted = new HashMap<>();
        BufferedReader lines = new BufferedReader(in);
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = Json.mapper().readTree(line);
                switch (node.path("type").asText()) {
                    case "settlement" -> {
                        close(rounds, balances, netted);
                        rounds.add(settlement(node));
                    }
                    case "payoutRequest" -> {
                        if (rounds.isEmpty() || rounds.getLast().round() != node.get("round").asLong()) {
                            throw new IllegalStateException("replay output: a payout request outside its settlement: "
                                    + line);
                        }
                        rounds.getLast().payouts().add(new AuditedRound.Payout(node.get("transcoder").asText(),
                                new BigInteger(node.get("amount").asText()), node.get("payoutId").asText()));
                    }
                    case "accountChange" -> {
                        String transcoder = node.get("transcoder").asText();
                        BigInteger balance = new BigInteger(node.get("balance").asText());
                        if (node.get("cause").asText().equals("DebtNetted")) {
                            netted.put(transcoder, balance);
                        } else {
                            close(rounds, balances, netted);
                            balances.put(transcoder, balance);
                        }
                    }
                    default -> {
                        // notes of the replay, not published as ledger records
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        close(rounds, balances, netted);
        rounds.forEach(r -> r.payouts().sort(Comparator.comparing(AuditedRound.Payout::transcoder)));
        return rounds;
    }

    /** Fills the last round's balances once all of its lines are read (each round once). */
    private static void close(List<AuditedRound> rounds, Map<String, BigInteger> balances,
                              Map<String, BigInteger> netted) {
        if (rounds.isEmpty() || rounds.getLast().allocations().stream().allMatch(l -> l.balanceAfter() != null)) {
            return;
        }
        AuditedRound last = rounds.getLast();
        Map<String, BigInteger> paid = new HashMap<>();
        last.payouts().forEach(p -> paid.merge(p.transcoder(), p.amount(), BigInteger::add));
        List<AuditedRound.Line> filled = new ArrayList<>();
        for (AuditedRound.Line line : last.allocations()) {
            BigInteger after = netted.containsKey(line.transcoder()) ? netted.get(line.transcoder())
                    : balances.getOrDefault(line.transcoder(), BigInteger.ZERO).add(line.amount())
                            .subtract(paid.getOrDefault(line.transcoder(), BigInteger.ZERO));
            balances.put(line.transcoder(), after);
            filled.add(new AuditedRound.Line(line.transcoder(), line.weight(), line.amount(), after));
        }
        last.allocations().clear();
        last.allocations().addAll(filled);
        netted.clear();
    }
    private static AuditedRound settlement(JsonNode node) {
        List<AuditedRound.Line> lines = new ArrayList<>();
        for (JsonNode a : node.get("allocations")) {
            lines.add(new AuditedRound.Line(a.get("transcoder").asText(), new BigInteger(a.get("weight").asText()),
                    new BigInteger(a.get("amount").asText()), null));
        }
        return new AuditedRound(node.get("round").asLong(), wei(node, "revenue"), wei(node, "totalWeight"),
                wei(node, "poolFee"), wei(node, "distributed"), wei(node, "carriedRevenue"), lines,
                new ArrayList<>());
    }

    private static BigInteger wei(JsonNode node, String field) {
        return new BigInteger(node.get(field).asText());
    }
}
