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
import java.util.List;

/**
 * The replay's output lines read back as {@link AuditedRound}s: each {@code settlement} line with the
 * {@code payoutRequest} lines after it. Lines of other types (notes such as refused jobs) are not compared.
 */
public final class ReplayOutput {
    private ReplayOutput() {
    }

    public static List<AuditedRound> read(Reader in) {
        List<AuditedRound> rounds = new ArrayList<>();
        BufferedReader lines = new BufferedReader(in);
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = Json.mapper().readTree(line);
                switch (node.path("type").asText()) {
                    case "settlement" -> rounds.add(settlement(node));
                    case "payoutRequest" -> {
                        if (rounds.isEmpty() || rounds.getLast().round() != node.get("round").asLong()) {
                            throw new IllegalStateException("replay output: a payout request outside its settlement: "
                                    + line);
                        }
                        rounds.getLast().payouts().add(new AuditedRound.Payout(node.get("transcoder").asText(),
                                new BigInteger(node.get("amount").asText()), node.get("payoutId").asText()));
                    }
                    default -> {
                        // notes of the replay, not published as ledger records
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rounds.forEach(r -> r.payouts().sort(Comparator.comparing(AuditedRound.Payout::transcoder)));
        return rounds;
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
