package io.livepeerpool.chainwatcher.decode;

import java.math.BigInteger;

/** What a ChainEvent carries beyond its log, read from the chain when the log is decoded. */
public interface ChainFacts {

    /** gasUsed * effectiveGasPrice of the transaction, in wei. */
    BigInteger gasCost(String txHash);

    /** BondingManager.getTranscoderPoolSize() at block {@code blockNumber} (or at the latest block if the node no longer has that state). */
    long transcoderPoolSize(long blockNumber);
}
