package io.livepeerpool.ledger.replay;

import io.livepeerpool.ledger.dedupe.SeenIds;
import io.livepeerpool.ledger.event.LedgerEvent;
import io.livepeerpool.ledger.event.NewRound;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.event.TicketTransfer;
import io.livepeerpool.ledger.event.TranscoderJob;
import io.livepeerpool.ledger.payout.AccountChange;
import io.livepeerpool.ledger.payout.MemberAccount;
import io.livepeerpool.ledger.settlement.Balances;
import io.livepeerpool.ledger.settlement.LedgerPolicy;
import io.livepeerpool.ledger.settlement.NetRevenue;
import io.livepeerpool.ledger.settlement.Settlement;
import io.livepeerpool.ledger.settlement.SettlementResult;
import io.livepeerpool.ledger.weight.WeightSubtotals;
import java.math.BigInteger;
import java.util.Map;
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
    private final MemberBook members = new MemberBook();
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
            case PayoutOutcome outcome -> {
                resolve(outcome);
                yield Optional.empty();
            }
            case PayoutSettingsChange change -> {
                applySettings(change);
                yield Optional.empty();
            }
        };
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
        MemberBook.Credited credited = members.credit(round, result.allocations(), policy.payoutThresholdWei());
        pendingRevenue = result.carriedRevenue();
        pendingWeights = result.carriedWeights();
        lastSettledRound = round;
        seenJobs.nextEpoch();
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
