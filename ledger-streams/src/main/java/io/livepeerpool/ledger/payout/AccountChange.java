package io.livepeerpool.ledger.payout;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A change of a member's account other than a plain allocation credit, with the account after it: a payout outcome
 * applied, or an allocation that first paid off a debt.
 *
 * @param afterRound the last round settled when it was applied (the allocation's round for {@code DebtNetted})
 * @param payoutId   for {@code PayoutResolved}, else null
 * @param status     for {@code PayoutResolved} (Paid, Refused, Reverted), else null
 */
public record AccountChange(String transcoder, long afterRound, Cause cause, String payoutId, String status,
                            BigInteger credited, BigInteger charged, MemberAccount after) {

    public enum Cause { PayoutResolved, DebtNetted }

    public AccountChange {
        Address.requireLowercase(transcoder, "transcoder");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(after, "after");
        if (credited.signum() < 0 || charged.signum() < 0) {
            throw new IllegalArgumentException("credited and charged must be >= 0");
        }
        if ((cause == Cause.PayoutResolved) != (payoutId != null && status != null)) {
            throw new IllegalArgumentException("payoutId and status are for PayoutResolved only");
        }
    }
}
