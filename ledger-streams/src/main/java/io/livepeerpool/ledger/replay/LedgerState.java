package io.livepeerpool.ledger.replay;

import io.livepeerpool.ledger.dedupe.SeenIds;
import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.settlement.Balances;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.NetRevenue;
import io.livepeerpool.ledger.settlement.Settlement;
import io.livepeerpool.ledger.settlement.SettlementResult;
import io.livepeerpool.ledger.weight.WeightSubtotals;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole ledger in one process, for the replay and for tests: pending revenue and weights (carried in plus new),
 * balances, and the dedupe windows. It applies events in order using the same pure functions as the topology, as if
 * there were one partition (the weights do not depend on partitioning; see {@link WeightSubtotals}).
 *
 * <p>A NewRound for a round at or below the last one settled is a re-delivered marker and changes nothing: each
 * round settles once, which also keeps payout ids unique. Mutable and single-threaded.
 */
public final class LedgerState {
    private final LedgerPolicy policy;
    private final SeenIds seenJobs;
    private final SeenIds seenTransfers;
    private BigInteger pendingRevenue = BigInteger.ZERO;
    private WeightSubtotals pendingWeights = WeightSubtotals.empty();
    private Balances balances = Balances.empty();
    private long lastSettledRound = -1;

    public LedgerState(LedgerPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.seenJobs = new SeenIds(policy.dedupeRetainRounds());
        this.seenTransfers = new SeenIds(policy.dedupeRetainRounds());
    }

    /** Applies one event; a settlement comes back only from a NewRound that settled. */
    public Optional<RoundOutcome> apply(LedgerEvent event) {
        return switch (event) {
            case TranscoderJob job -> {
                recordJob(job);
                yield Optional.empty();
            }
            case TicketTransfer transfer -> {
                recordTransfer(transfer);
                yield Optional.empty();
            }
            case NewRound newRound -> settle(newRound.round());
        };
    }

    /** Adds the job's weight unless (orchestrator, jobId) was already counted; true when it counted. */
    public boolean recordJob(TranscoderJob job) {
        if (!seenJobs.firstSighting(job.dedupeKey())) {
            return false;
        }
        pendingWeights = pendingWeights.plus(job.transcoder(), policy.weights().of(job));
        return true;
    }

    /** Adds the transfer's net revenue unless (txHash, logIndex) was already counted; true when it counted. */
    public boolean recordTransfer(TicketTransfer transfer) {
        if (!seenTransfers.firstSighting(transfer.dedupeKey())) {
            return false;
        }
        pendingRevenue = pendingRevenue.add(NetRevenue.of(transfer, policy));
        return true;
    }

    /** Settles {@code round}, credits balances and starts a new epoch; empty for a round already settled. */
    public Optional<RoundOutcome> settle(long round) {
        if (round <= lastSettledRound) {
            return Optional.empty();
        }
        SettlementResult result = Settlement.settle(round, pendingRevenue, pendingWeights, policy);
        Balances.Credited credited = balances.credit(round, result.allocations(), policy.payoutThresholdWei());
        pendingRevenue = result.carriedRevenue();
        pendingWeights = result.carriedWeights();
        balances = credited.balances();
        lastSettledRound = round;
        seenJobs.nextEpoch();
        seenTransfers.nextEpoch();
        return Optional.of(new RoundOutcome(result, credited.payouts()));
    }

    public BigInteger pendingRevenue() {
        return pendingRevenue;
    }

    public WeightSubtotals pendingWeights() {
        return pendingWeights;
    }

    public Balances balances() {
        return balances;
    }

    public long lastSettledRound() {
        return lastSettledRound;
    }
}
