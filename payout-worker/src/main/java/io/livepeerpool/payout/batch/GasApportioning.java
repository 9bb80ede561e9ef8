package io.livepeerpool.payout.batch;

import io.livepeerpool.chain.tx.GasShares;
import io.livepeerpool.schemas.avro.GasPayer;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;

/**
 * Each payout's share of its transaction's gas (payout.gasPaidBy). With {@code member}, payout i of n bears
 * floor(g(i+1)/n) - floor(gi/n): the shares sum exactly to the gas cost g and differ by at most one wei. With
 * {@code pool}, the pool bears it all and every share is 0.
 */
public final class GasApportioning {
    private GasApportioning() {
    }

    public static List<BigInteger> shares(GasPayer payer, BigInteger txGasCost, int payouts) {
        if (payer == GasPayer.member) {
            return GasShares.split(txGasCost, payouts);
        }
        if (payouts <= 0) {
            throw new IllegalArgumentException("need payouts > 0");
        }
        return Collections.nCopies(payouts, BigInteger.ZERO);
    }
}
