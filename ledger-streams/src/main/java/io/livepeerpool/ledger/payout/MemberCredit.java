package io.livepeerpool.ledger.payout;

import io.livepeerpool.ledger.settlement.PayoutRequest;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An allocation credited to a member's account: a debt is paid off first; when what the member is then owed is
 * > 0 and at least its threshold ({@link PayoutPreferences#thresholdFor}, the pool's without settings), a payout
 * request takes all of it, to the member's payout address (null: its own). For a member without debt or settings
 * this is exactly {@link io.livepeerpool.ledger.settlement.Balances#credit}.
 */
public final class MemberCredit {
    private MemberCredit() {
    }

    /** The account after the credit, and the payout request it triggered, if any. */
    public record Step(MemberAccount account, Optional<PayoutRequest> payout) {
    }

    /** @param preferences the member's settings in force, or null */
    public static Step credit(String transcoder, MemberAccount account, BigInteger amount, long round,
                              PayoutPreferences preferences, BigInteger poolThresholdWei) {
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("an allocation is >= 0, got " + amount);
        }
        BigInteger owed = account.net().add(amount);
        BigInteger threshold = preferences == null ? poolThresholdWei : preferences.thresholdFor(poolThresholdWei);
        if (owed.signum() > 0 && owed.compareTo(threshold) >= 0) {
            String payee = preferences == null ? null : preferences.payoutAddress();
            return new Step(MemberAccount.ZERO, Optional.of(new PayoutRequest(round, transcoder, owed,
                    PayoutRequest.idFor(transcoder, round), payee)));
        }
        return new Step(MemberAccount.ofNet(owed), Optional.empty());
    }
}
