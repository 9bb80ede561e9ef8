package io.livepeerpool.ledger.payout;

import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import java.math.BigInteger;

/**
 * What a payout's outcome does to the member's account. Whatever did not reach the payee comes back:
 * {@code credited = amount - amountSent} (the whole amount when Refused or Reverted, on the chain's proof; a Paid
 * payout normally sent everything), and with {@code gasPaidBy=member} the member's gas share is charged:
 * {@code charged = gasShare}, whatever the status (the transaction spent it). Nothing comes back on a timeout:
 * only an outcome, which the payout worker records after the chain's confirmations, resolves a payout.
 */
public final class PayoutResolution {
    private PayoutResolution() {
    }

    public record Resolution(BigInteger credited, BigInteger charged) {
    }

    /**
     * @param request the open request the outcome resolves
     * @throws IllegalArgumentException when the outcome contradicts its request (another member or amount): a
     *     broken invariant between the ledger and the payout worker, never a skippable record
     */
    public static Resolution resolve(PayoutRequest request, PayoutOutcome outcome) {
        if (!request.payoutId().equals(outcome.payoutId()) || !request.transcoder().equals(outcome.transcoder())
                || request.amount().compareTo(outcome.amount()) != 0) {
            throw new IllegalArgumentException("outcome of payout " + outcome.payoutId() + " (" + outcome.transcoder()
                    + ", " + outcome.amount() + " wei) contradicts its request (" + request.transcoder() + ", "
                    + request.amount() + " wei)");
        }
        BigInteger charged = outcome.memberPaysGas() ? outcome.gasShare() : BigInteger.ZERO;
        return new Resolution(outcome.amount().subtract(outcome.amountSent()), charged);
    }
}
