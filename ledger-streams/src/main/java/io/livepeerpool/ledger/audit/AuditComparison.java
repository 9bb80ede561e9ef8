package io.livepeerpool.ledger.audit;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The published ledger against the replay, round by round: the settlement's figures, every allocation line (and
 * the balance after it, which the replay's allocations and payouts determine), every payout request. The first
 * difference is the answer; pure, no Kafka.
 */
public final class AuditComparison {
    private AuditComparison() {
    }

    public static Optional<String> firstDifference(List<AuditedRound> published, List<AuditedRound> replay) {
        for (int i = 0; i < Math.max(published.size(), replay.size()); i++) {
            if (i >= published.size()) {
                return Optional.of("round " + replay.get(i).round() + ": settled by the replay, not published");
            }
            if (i >= replay.size()) {
                return Optional.of("round " + published.get(i).round() + ": published, not settled by the replay");
            }
            Optional<String> difference = compare(published.get(i), replay.get(i));
            if (difference.isPresent()) {
                return difference;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> compare(AuditedRound p, AuditedRound r) {
        String round = "round " + r.round() + ": ";
        if (p.round() != r.round()) {
            return Optional.of("round " + p.round() + ": published where the replay settles round " + r.round());
        }
        Optional<String> figures = first(round + "settlement",
                "revenue", p.revenue(), r.revenue(),
                "totalWeight", p.totalWeight(), r.totalWeight(),
                "poolFee", p.poolFee(), r.poolFee(),
                "distributed", p.distributed(), r.distributed(),
                "carriedRevenue", p.carriedRevenue(), r.carriedRevenue());
        if (figures.isPresent()) {
            return figures;
        }
        for (int i = 0; i < Math.max(p.allocations().size(), r.allocations().size()); i++) {
            if (i >= p.allocations().size()) {
                return Optional.of(round + "allocation of " + r.allocations().get(i).transcoder()
                        + " in the replay, not published");
            }
            if (i >= r.allocations().size()) {
                return Optional.of(round + "allocation of " + p.allocations().get(i).transcoder()
                        + " published, not in the replay");
            }
            AuditedRound.Line a = p.allocations().get(i);
            AuditedRound.Line b = r.allocations().get(i);
            if (!a.transcoder().equals(b.transcoder())) {
                String missing = a.transcoder().compareTo(b.transcoder()) < 0 ? a.transcoder() : b.transcoder();
                return Optional.of(round + "allocation of " + missing + " only "
                        + (missing.equals(a.transcoder()) ? "published" : "in the replay"));
            }
            BigInteger balance = b.balanceAfter();
            Optional<String> line = first(round + "allocation of " + b.transcoder(),
                    "weight", a.weight(), b.weight(),
                    "amount", a.amount(), b.amount(),
                    "balanceAfter", a.balanceAfter(), balance);
            if (line.isPresent()) {
                return line;
            }
        }
        if (!p.payouts().equals(r.payouts())) {
            return Optional.of(round + "payout requests published " + p.payouts() + ", replay " + r.payouts());
        }
        return Optional.empty();
    }

    /** Pairs of (name, published, replay): the first pair that differs. */
    private static Optional<String> first(String what, Object... triples) {
        for (int i = 0; i < triples.length; i += 3) {
            if (!Objects.equals(triples[i + 1], triples[i + 2])) {
                return Optional.of(what + ": " + triples[i] + " published " + triples[i + 1] + ", replay "
                        + triples[i + 2]);
            }
        }
        return Optional.empty();
    }
}
