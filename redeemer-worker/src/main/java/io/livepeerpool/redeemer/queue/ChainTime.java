package io.livepeerpool.redeemer.queue;

import java.math.BigInteger;

/**
 * What the queue needs to know of the chain at one moment: the latest block of the clock the RoundsManager uses (L1
 * blocks on Arbitrum, the chain's own on the dev chain), the current round and when it started, and the round length.
 */
public record ChainTime(long clockBlock, BigInteger currentRound, long currentRoundStartBlock, long roundLength) {

    public ChainTime {
        if (roundLength <= 0) {
            throw new IllegalArgumentException("roundLength must be positive");
        }
    }

    /** The first block of {@code round}, assuming the round length has not changed since (true on the dev chain). */
    public long roundStartBlock(BigInteger round) {
        long roundsBack = currentRound.subtract(round).longValueExact();
        return currentRoundStartBlock - roundsBack * roundLength;
    }
}
