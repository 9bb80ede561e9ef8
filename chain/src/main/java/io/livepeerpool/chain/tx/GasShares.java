package io.livepeerpool.chain.tx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A transaction's gas cost split over the n tickets it carried: share i = floor(g(i+1)/n) - floor(gi/n); sums to g. */
public final class GasShares {
    private GasShares() {
    }

    public static List<BigInteger> split(BigInteger gasCost, int tickets) {
        if (tickets <= 0 || gasCost.signum() < 0) {
            throw new IllegalArgumentException("need tickets > 0 and gasCost >= 0");
        }
        BigInteger n = BigInteger.valueOf(tickets);
        List<BigInteger> shares = new ArrayList<>(tickets);
        for (int i = 0; i < tickets; i++) {
            BigInteger upper = gasCost.multiply(BigInteger.valueOf(i + 1L)).divide(n);
            BigInteger lower = gasCost.multiply(BigInteger.valueOf(i)).divide(n);
            shares.add(upper.subtract(lower));
        }
        return shares;
    }
}
