package io.livepeerpool.payout.gas;

import java.math.BigInteger;

/**
 * Gas of one measured transaction.
 *
 * @param method       "pay" (PoolPayouts batch) or "transfer" (one plain ETH transfer)
 * @param payees       payees the transaction paid
 * @param freshPayees  true when the payees never held ETH before (the EVM's 25,000 new-account charge applies to a
 *                     value call made by a contract)
 * @param gasUsed      the receipt's gasUsed
 */
public record GasFigure(String method, int payees, boolean freshPayees, BigInteger gasUsed) {

    /** gasUsed / payees, rounded down: the transaction's own 21,000 included, spread over the batch. */
    public long perPayee() {
        return gasUsed.divide(BigInteger.valueOf(payees)).longValueExact();
    }

    /** What one more payee adds, from this batch and a one-payee batch of the same kind. */
    public long marginalOver(GasFigure single) {
        if (payees <= single.payees()) {
            throw new IllegalArgumentException("needs a larger batch than " + single.payees());
        }
        return gasUsed.subtract(single.gasUsed()).divide(BigInteger.valueOf(payees - single.payees())).longValueExact();
    }
}
