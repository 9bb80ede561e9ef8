package io.livepeerpool.ledger.payout;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A member's account: an unpaid balance, or a debt (gas shares charged while the balance could not cover them),
 * never both. A debt is netted from the next credits (allocations, returned payouts) before anything reaches the
 * balance, so a charge is never dropped. The signed {@link #net()} is what the member is owed.
 */
public record MemberAccount(BigInteger balance, BigInteger debt) {
    public static final MemberAccount ZERO = new MemberAccount(BigInteger.ZERO, BigInteger.ZERO);

    public MemberAccount {
        if (Objects.requireNonNull(balance, "balance").signum() < 0
                || Objects.requireNonNull(debt, "debt").signum() < 0) {
            throw new IllegalArgumentException("balance and debt must be >= 0, got " + balance + ", " + debt);
        }
        if (balance.signum() > 0 && debt.signum() > 0) {
            throw new IllegalArgumentException("an account has a balance or a debt, never both: " + balance + ", "
                    + debt);
        }
    }

    /** The account whose {@link #net()} is {@code net}. */
    public static MemberAccount ofNet(BigInteger net) {
        return net.signum() >= 0 ? new MemberAccount(net, BigInteger.ZERO) : new MemberAccount(BigInteger.ZERO,
                net.negate());
    }

    /** balance - debt. */
    public BigInteger net() {
        return balance.subtract(debt);
    }

    /** After adding {@code credited} and taking {@code charged} (both >= 0): the order does not matter. */
    public MemberAccount plus(BigInteger credited, BigInteger charged) {
        if (credited.signum() < 0 || charged.signum() < 0) {
            throw new IllegalArgumentException("credited and charged must be >= 0: " + credited + ", " + charged);
        }
        return ofNet(net().add(credited).subtract(charged));
    }
}
