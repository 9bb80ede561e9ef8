package io.livepeerpool.ledger.replay;

import io.livepeerpool.ledger.dedupe.JobVerdict;
import io.livepeerpool.ledger.dedupe.SeenIds;
import io.livepeerpool.ledger.dedupe.SeenJobs;
import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.payout.AccountChange;
import io.livepeerpool.ledger.payout.MemberAccount;
import io.livepeerpool.ledger.event.TranscoderUpdate;
import io.livepeerpool.ledger.settlement.Balances;
import io.livepeerpool.ledger.settlement.FeeShares;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.NetRevenue;
import io.livepeerpool.ledger.settlement.Settlement;
import io.livepeerpool.ledger.settlement.SettlementResult;
import io.livepeerpool.ledger.weight.WeightSubtotals;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole ledger in one process, for the replay and for tests: pending revenue and weights (carried in plus new),
 * balances, the fee shares in force, the job window and the transfer dedupe window. It applies events in order using
 * the same pure functions as the topology, as if there were one partition (the weights do not depend on
 * partitioning; see {@link WeightSubtotals}).
 *
 * <p>A NewRound for a round at or below the last one settled is a re-delivered marker and changes nothing: each
 * round settles once, which also keeps payout ids unique. Mutable and single-threaded.
 */
public final class LedgerState {
    private final LedgerPolicy policy;
    private final SeenJobs seenJobs;
    private final SeenIds seenTransfers;
    private final FeeShares feeShares = new FeeShares();
    private BigInteger pendingRevenue = BigInteger.ZERO;
    private WeightSubtotals pendingWeights = WeightSubtotals.empty();
    private final MemberBook members = new MemberBook();
    private long lastSettledRound = -1;

    public LedgerState(LedgerPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.seenJobs = new SeenJobs(policy.dedupeRetainRounds());
        this.seenTransfers = new SeenIds(policy.dedupeRetainRounds());
    }

    /**
     * Applies one event; what it produced, in order (nothing for most events).
     *
     * @throws IllegalArgumentException when a payout outcome contradicts its request (member or amount)
     */
    public List<LedgerOutput> process(LedgerEvent event) {
        return switch (event) {
            case TranscoderJob job -> judgeJob(job) instanceof JobVerdict.Refused refused
                    ? List.of(new LedgerOutput.RefusedJob(job.orchestrator(), job.jobId(), job.transcoder(),
                            job.roundJob(), refused.reason(), refused.currentRound()))
                    : List.of();
            case TicketTransfer transfer -> transferOutputs(transfer);
            case TranscoderUpdate update -> {
                feeShares.update(update.transcoder(), update.feeShare());
                yield List.of();
            }
            case NewRound newRound -> settle(newRound.round()).<List<LedgerOutput>>map(List::of).orElse(List.of());
            case PayoutOutcome outcome -> resolve(outcome).<List<LedgerOutput>>map(
                    change -> List.of(new LedgerOutput.AccountChanged(change))).orElse(List.of());
            case PayoutSettingsChange change -> {
                applySettings(change);
                yield List.of();
            }
        };
    }

    /** Applies one event; a settlement comes back only from a NewRound that settled. */
    public Optional<RoundOutcome> apply(LedgerEvent event) {
        return process(event).stream().filter(RoundOutcome.class::isInstance).map(RoundOutcome.class::cast)
                .findFirst();
    }

    /**
     * Applies the first outcome of a payout this ledger requested and has not seen resolved: what did not reach the
     * payee comes back, the member's gas share is charged when the member pays the gas. Empty for a duplicate or an
     * outcome of a payout never requested (nothing changes).
     *
     * @throws IllegalArgumentException when the outcome contradicts its request (member or amount)
     */
    public Optional<AccountChange> resolve(PayoutOutcome outcome) {
        return members.resolve(outcome, lastSettledRound);
    }

    /** Applies a member's payout settings from the next settlement; false for a nonce not above the last one. */
    public boolean applySettings(PayoutSettingsChange change) {
        return members.apply(change);
    }

    /** Adds the job's weight when it counts (inside the round window, first sighting); true when it counted. */
    public boolean recordJob(TranscoderJob job) {
        return judgeJob(job) instanceof JobVerdict.Counted;
    }

    private JobVerdict judgeJob(TranscoderJob job) {
        JobVerdict verdict = seenJobs.decide(job.dedupeKey(), job.roundJob());
        if (verdict instanceof JobVerdict.Counted) {
            pendingWeights = pendingWeights.plus(job.transcoder(), policy.weights().of(job));
        }
        return verdict;
    }

    /**
     * Adds the transfer's net revenue unless (txHash, logIndex) was already seen or the recipient is not one of the
     * pool's orchestrators; true when it counted.
     */
    public boolean recordTransfer(TicketTransfer transfer) {
        if (!seenTransfers.firstSighting(transfer.dedupeKey()) || !policy.orchestrators().contains(transfer.recipient())) {
            return false;
        }
        int feeShare = feeShares.inForce(transfer.recipient(), policy);
        pendingRevenue = pendingRevenue.add(NetRevenue.of(transfer, feeShare, policy));
        return true;
    }

    private List<LedgerOutput> transferOutputs(TicketTransfer transfer) {
        boolean first = !seenTransfers.contains(transfer.dedupeKey());
        if (recordTransfer(transfer) || !first) {
            return List.of();
        }
        return List.of(new LedgerOutput.IgnoredTransfer(transfer.txHash(), transfer.logIndex(), transfer.recipient()));
    }

    /** Settles {@code round}, credits balances and starts a new epoch; empty for a round already settled. */
    public Optional<RoundOutcome> settle(long round) {
        if (round <= lastSettledRound) {
            return Optional.empty();
        }
        SettlementResult result = Settlement.settle(round, pendingRevenue, pendingWeights, policy);
        MemberBook.Credited credited = members.credit(round, result.allocations(), policy.payoutThresholdWei());
        pendingRevenue = result.carriedRevenue();
        pendingWeights = result.carriedWeights();
        lastSettledRound = round;
        seenJobs.newRound(round);
        seenTransfers.nextEpoch();
        return Optional.of(new RoundOutcome(result, credited.payouts(), credited.changes()));
    }

    public BigInteger pendingRevenue() {
        return pendingRevenue;
    }

    public WeightSubtotals pendingWeights() {
        return pendingWeights;
    }

    /** Members' unpaid balances (> 0); a member in debt has none (see {@link #debts()}). */
    public Balances balances() {
        return members.balances();
    }

    /** Gas shares charged that the member's account could not cover yet, by member (> 0). */
    public Map<String, BigInteger> debts() {
        return members.debts();
    }

    public MemberAccount accountOf(String transcoder) {
        return members.accountOf(transcoder);
    }

    /** Payout requests without an outcome yet, by payout id. */
    public Map<String, io.livepeerpool.ledger.settlement.PayoutRequest> openPayouts() {
        return members.openPayouts();
    }

    public long lastSettledRound() {
        return lastSettledRound;
    }
}
