package io.livepeerpool.chain.wallet;

import java.math.BigInteger;

/** EIP-1559 fees of one transaction: the most it may pay per gas, and the tip within that. */
public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    public Fees {
        if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
            throw new IllegalArgumentException("priority fee above max fee");
        }
    }

    /** Both raised by {@code pct} percent, rounded up (nodes accept a replacement only with at least +10%). */
    public Fees bumped(int pct) {
        return new Fees(up(maxFeePerGas, pct), up(maxPriorityFeePerGas, pct));
    }

    private static BigInteger up(BigInteger v, int pct) {
        BigInteger scaled = v.multiply(BigInteger.valueOf(100L + pct));
        BigInteger[] qr = scaled.divideAndRemainder(HUNDRED);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }
}
