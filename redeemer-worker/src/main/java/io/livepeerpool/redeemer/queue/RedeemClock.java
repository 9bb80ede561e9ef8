package io.livepeerpool.redeemer.queue;

/**
 * The clock the RoundsManager runs on. On the dev chain it is the chain's own block number; on Arbitrum it is the L1
 * block number (the RoundsManager's {@code blockNum()}), which an implementation reads from there.
 */
public interface RedeemClock {

    /** The chain time now; throws when the chain cannot be read (the caller retries). */
    ChainTime now();
}
