package io.livepeerpool.gateway.reads;

/**
 * A transcoder's balance with the pool: {@code balance} as of its allocation of round {@code asOfRound} (null and "0"
 * before its first allocation). Payouts requested but not paid ({@code payoutsOnHold}) have already left the balance;
 * {@code paidTotal} is what the payout worker has paid. {@code debt}: gas shares charged (payout.gasPaidBy=member)
 * that the balance could not cover, netted from the next rewards; {@code payoutsFailed}: refused or reverted payouts,
 * whose amount the ledger returned to the balance on the chain's proof. Wei as decimal strings.
 */
public record BalanceView(
        String transcoder,
        String balance,
        Long asOfRound,
        String payoutsOnHold,
        String paidTotal,
        String debt,
        String payoutsFailed) {
}
