package io.livepeerpool.payout.fees;

import java.math.BigInteger;
import java.util.Optional;

/**
 * How much to withdraw: what the payout wallet lacks to pay what is due and keep its gas reserve, at most what the
 * orchestrator can withdraw; nothing when that is below the smallest withdrawal worth its gas. A partial withdrawal
 * (fees below the shortfall) is made: the payout worker can pay some payouts with it.
 */
public final class Shortfall {
    private Shortfall() {
    }

    public static Optional<BigInteger> withdrawal(BigInteger due, BigInteger gasReserve, BigInteger walletBalance,
                                                  BigInteger pendingFees, BigInteger minWithdrawal) {
        if (due.signum() < 0 || gasReserve.signum() < 0 || walletBalance.signum() < 0 || pendingFees.signum() < 0) {
            throw new IllegalArgumentException("amounts cannot be negative");
        }
        if (due.signum() == 0) {
            return Optional.empty(); // nothing to pay: the gas reserve alone is the operator's to fund
        }
        BigInteger lacking = due.add(gasReserve).subtract(walletBalance);
        if (lacking.signum() <= 0) {
            return Optional.empty();
        }
        BigInteger amount = lacking.min(pendingFees);
        return amount.compareTo(minWithdrawal.max(BigInteger.ONE)) >= 0 ? Optional.of(amount) : Optional.empty();
    }
}
