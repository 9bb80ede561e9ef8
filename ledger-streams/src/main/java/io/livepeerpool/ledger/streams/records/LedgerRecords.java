package io.livepeerpool.ledger.streams.records;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.ledger.event.Hex;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.ledger.settlement.Allocation;
import io.livepeerpool.ledger.settlement.SettlementResult;
import io.livepeerpool.ledger.weight.WeightSubtotals;
import io.livepeerpool.schemas.avro.AllocationLine;
import io.livepeerpool.schemas.avro.ChainEvent;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.Settlement;
import io.livepeerpool.schemas.avro.TranscoderUpdateEvent;
import io.livepeerpool.schemas.avro.TranscoderWeight;
import io.livepeerpool.schemas.avro.WinningTicketTransferEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where Avro records become domain values and back. Inputs are validated and normalised exactly as the
 * replay does it (addresses through {@link Hex#address}, hashes through {@link Hex#hash}), so that the topology and
 * the replay count the same events; a value that does not validate throws {@link IllegalArgumentException}.
 */
public final class LedgerRecords {
    private LedgerRecords() {
    }

    public static TranscoderJob job(io.livepeerpool.schemas.avro.TranscoderJob job) {
        return new TranscoderJob(address(job.getOrchestrator(), "orchestrator"), job.getJobId(),
                address(job.getTranscoder(), "transcoder"), job.getPixels(), job.getDurationMs(), job.getProfiles(),
                job.getRoundJob());
    }

    /** A WinningTicketTransfer: its identity (txHash, logIndex) is the chain event's. */
    public static TicketTransfer transfer(ChainEvent event, WinningTicketTransferEvent transfer) {
        String txHash;
        try {
            txHash = Hex.hash(event.getTxHash());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("txHash " + e.getMessage(), e);
        }
        return new TicketTransfer(txHash, event.getLogIndex(), address(transfer.getSender(), "sender"),
                address(transfer.getRecipient(), "recipient"), Amounts.fromAvro(transfer.getAmount(), "amount"),
                Amounts.fromAvro(transfer.getGasCost(), "gasCost"), transfer.getTxTickets(),
                transfer.getTxTicketIndex());
    }

    /** A TranscoderUpdate: the orchestrator's fee share from here on. */
    public static TranscoderUpdate transcoderUpdate(TranscoderUpdateEvent update) {
        if (update.getFeeShare() < 0 || update.getFeeShare() > 1_000_000) {
            throw new IllegalArgumentException("feeShare must be between 0 and 1000000 ppm, got "
                    + update.getFeeShare());
        }
        return new TranscoderUpdate(address(update.getTranscoder(), "transcoder"), update.getRewardCut(),
                (int) update.getFeeShare());
    }

    private static String address(String text, String field) {
        try {
            return Address.parse(text).hex();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + text + "' " + e.getMessage(), e);
        }
    }

    public static WeightSubtotals subtotals(List<TranscoderWeight> lines) {
        Map<String, BigInteger> weights = new LinkedHashMap<>();
        for (TranscoderWeight line : lines) {
            if (weights.put(line.getTranscoder(), Amounts.fromAvro(line.getWeight(), "weight")) != null) {
                throw new IllegalArgumentException("transcoder " + line.getTranscoder() + " listed twice");
            }
        }
        return WeightSubtotals.of(weights);
    }

    /** Subtotals as Avro lines, in address order, at most {@code linesMax} per chunk; always at least one chunk. */
    public static List<List<TranscoderWeight>> chunks(WeightSubtotals subtotals, int linesMax) {
        List<List<TranscoderWeight>> chunks = new ArrayList<>();
        List<TranscoderWeight> chunk = new ArrayList<>();
        for (Map.Entry<String, BigInteger> e : subtotals.byTranscoder().entrySet()) {
            if (chunk.size() == linesMax) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
            chunk.add(new TranscoderWeight(e.getKey(), Amounts.toAvro(e.getValue())));
        }
        chunks.add(chunk);
        return chunks;
    }

    /**
     * Most allocation lines carried inline in a Settlement: a line is at most about 110 bytes (an address and two
     * 78-digit numbers), so 5,000 stay near 0.5 MB, below Kafka's default 1 MB record limit. A larger settlement
     * carries none (its {@code allocationCount} says how many there are; the allocations topic has every line).
     */
    public static final int INLINE_LINES_MAX = 5_000;

    public static Settlement settlement(SettlementResult s) {
        List<AllocationLine> lines = s.allocations().size() > INLINE_LINES_MAX ? List.of()
                : s.allocations().stream()
                .map(a -> new AllocationLine(a.transcoder(), Amounts.toAvro(a.weight()), Amounts.toAvro(a.amount())))
                .toList();
        return new Settlement(s.round(), Amounts.toAvro(s.revenue()), Amounts.toAvro(s.totalWeight()),
                Amounts.toAvro(s.poolFee()), Amounts.toAvro(s.distributed()), Amounts.toAvro(s.carriedRevenue()),
                lines, s.allocations().size());
    }

    public static io.livepeerpool.schemas.avro.Allocation allocation(long round, Allocation a, BigInteger balanceAfter) {
        return new io.livepeerpool.schemas.avro.Allocation(round, a.transcoder(), Amounts.toAvro(a.weight()),
                Amounts.toAvro(a.amount()), Amounts.toAvro(balanceAfter));
    }

    public static PayoutRequest payoutRequest(io.livepeerpool.ledger.settlement.PayoutRequest p) {
        return MemberRecords.payoutRequest(p);
    }
}
