package io.livepeerpool.redeemer.preflight;

import java.math.BigInteger;

/**
 * Whether a ticket is worth its redemption gas: {@code faceValue * 100 >= minFaceValueOverGasPct * gas * gasPrice}.
 * At 100 (the default) the face value must at least pay the gas; at 0 every ticket is sent. A ticket below the line
 * is retried later (gas may get cheaper) until it expires, as go-livepeer does.
 */
public record GasWorth(long minFaceValueOverGasPct) {
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    public GasWorth {
        if (minFaceValueOverGasPct < 0) {
            throw new IllegalArgumentException("minFaceValueOverGasPct must not be negative");
        }
    }

    public boolean covers(BigInteger faceValue, BigInteger gas, BigInteger gasPrice) {
        BigInteger cost = gas.multiply(gasPrice).multiply(BigInteger.valueOf(minFaceValueOverGasPct));
        return faceValue.multiply(HUNDRED).compareTo(cost) >= 0;
    }
}
