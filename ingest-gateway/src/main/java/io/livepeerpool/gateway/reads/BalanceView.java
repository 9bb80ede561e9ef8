package io.livepeerpool.gateway.reads;

/**
 * A transcoder's balance with the pool: {@code balance} as of its allocation of round {@code asOfRound} (null and "0"
 * before its first allocation). Payouts requested but not paid ({@code payoutsOnHold}) have already left the balance;
 * {@code paidTotal} is what the payout worker has paid. Wei as decimal strings.
 */
public record BalanceView(
        String transcoder,
        String balance,
        Long asOfRound,
        String payoutsOnHold,
        String paidTotal) {
}
