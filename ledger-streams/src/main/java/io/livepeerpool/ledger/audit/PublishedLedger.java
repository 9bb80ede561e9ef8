package io.livepeerpool.ledger.audit;

import io.livepeerpool.ledger.streams.LedgerTopics;
import io.livepeerpool.ledger.streams.records.Amounts;
import io.livepeerpool.schemas.avro.Allocation;
import io.livepeerpool.schemas.avro.AllocationLine;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.topics.TopicSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the ledger published, read {@code read_committed} from offset 0 to the ends taken at the start: settlements,
 * allocations and payout requests assembled per round. What cannot be assembled (a second allocation for the same
 * round and transcoder, an allocation of a round never settled) is a {@link #problems() problem}; a Settlement whose
 * own lines or count disagree with the allocations topic is an {@link #inlineProblems() inline problem} (checked
 * after the comparison with the replay, which names a changed line more precisely).
 */
public final class PublishedLedger {
    private final List<AuditedRound> rounds = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> inlineProblems = new ArrayList<>();
    private long allocations;
    private long payouts;

    private PublishedLedger() {
    }

    /** Ends are taken here, before the caller takes those of the source topics. */
    public static PublishedLedger read(TopicReader reader, LedgerTopics topics) {
        List<Settlement> settlements = readAll(reader, topics.settlements());
        List<Allocation> allocations = readAll(reader, topics.allocations());
        List<PayoutRequest> payouts = readAll(reader, topics.payoutRequests());
        return assemble(settlements, allocations, payouts);
    }

    static PublishedLedger assemble(List<Settlement> settlements, List<Allocation> allocationRecords,
                                    List<PayoutRequest> payoutRecords) {
        PublishedLedger published = new PublishedLedger();
        Map<Long, Map<String, AuditedRound.Line>> lines = new HashMap<>();
        for (Allocation a : allocationRecords) {
            AuditedRound.Line line = new AuditedRound.Line(a.getTranscoder(), Amounts.fromAvro(a.getWeight(), "weight"),
                    Amounts.fromAvro(a.getAmount(), "amount"), Amounts.fromAvro(a.getBalanceAfter(), "balanceAfter"));
            if (lines.computeIfAbsent(a.getRound(), r -> new TreeMap<>()).put(a.getTranscoder(), line) != null) {
                published.problems.add("round " + a.getRound() + ": allocation of " + a.getTranscoder()
                        + " published twice");
            }
            published.allocations++;
        }
        Map<Long, Map<String, AuditedRound.Payout>> payouts = new HashMap<>();
        for (PayoutRequest p : payoutRecords) {
            AuditedRound.Payout payout = new AuditedRound.Payout(p.getTranscoder(),
                    Amounts.fromAvro(p.getAmount(), "amount"), p.getPayoutId());
            if (payouts.computeIfAbsent(p.getRound(), r -> new TreeMap<>()).put(p.getTranscoder(), payout) != null) {
                published.problems.add("round " + p.getRound() + ": payout request of " + p.getTranscoder()
                        + " published twice");
            }
            published.payouts++;
        }
        for (Settlement s : settlements) {
            List<AuditedRound.Line> roundLines = new ArrayList<>(lines.getOrDefault(s.getRound(), Map.of()).values());
            roundLines.sort(Comparator.comparing(AuditedRound.Line::transcoder));
            published.checkInline(s, roundLines);
            List<AuditedRound.Payout> roundPayouts = new ArrayList<>(payouts.getOrDefault(s.getRound(), Map.of())
                    .values());
            published.rounds.add(new AuditedRound(s.getRound(), wei(s.getRevenue(), "revenue"),
                    wei(s.getTotalWeight(), "totalWeight"), wei(s.getPoolFee(), "poolFee"),
                    wei(s.getDistributed(), "distributed"), wei(s.getCarriedRevenue(), "carriedRevenue"), roundLines,
                    roundPayouts));
            lines.remove(s.getRound());
            payouts.remove(s.getRound());
        }
        lines.keySet().stream().sorted().forEach(round -> published.problems.add("round " + round + ": "
                + lines.get(round).size() + " allocations published without a settlement"));
        payouts.keySet().stream().sorted().forEach(round -> published.problems.add("round " + round + ": "
                + payouts.get(round).size() + " payout requests published without a settlement"));
        return published;
    }

    /** The Settlement's own lines (when it carries them) and count agree with the allocations topic. */
    private void checkInline(Settlement s, List<AuditedRound.Line> fromTopic) {
        int count = s.getAllocationCount() != null ? s.getAllocationCount() : s.getAllocations().size();
        if (count != fromTopic.size()) {
            inlineProblems.add("round " + s.getRound() + ": the settlement counts " + count + " allocations, the "
                    + "allocations topic holds " + fromTopic.size());
            return;
        }
        List<AllocationLine> inline = s.getAllocations();
        for (int i = 0; i < inline.size(); i++) {
            AllocationLine a = inline.get(i);
            AuditedRound.Line b = fromTopic.get(i);
            if (!a.getTranscoder().equals(b.transcoder()) || !wei(a.getWeight(), "weight").equals(b.weight())
                    || !wei(a.getAmount(), "amount").equals(b.amount())) {
                inlineProblems.add("round " + s.getRound() + ": the settlement's line for " + a.getTranscoder()
                        + " differs from the allocations topic's line for " + b.transcoder());
                return;
            }
        }
    }

    public List<AuditedRound> rounds() {
        return rounds;
    }

    public List<String> problems() {
        return problems;
    }

    public List<String> inlineProblems() {
        return inlineProblems;
    }

    public long allocationCount() {
        return allocations;
    }

    public long payoutCount() {
        return payouts;
    }

    private static BigInteger wei(java.math.BigDecimal value, String name) {
        return Amounts.fromAvro(value, name);
    }

    private static <V extends SpecificRecord> List<V> readAll(TopicReader reader, TopicSpec<V> topic) {
        List<V> values = new ArrayList<>();
        for (TopicReader.PartitionEnd end : reader.ends(topic)) {
            try (PartitionCursor<V> cursor = reader.open(topic, end)) {
                cursor.forEachRemaining((offset, value) -> values.add(value));
            }
        }
        return values;
    }
}
