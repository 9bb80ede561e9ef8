package io.livepeerpool.chain.wallet;

import java.math.BigInteger;

/** A transaction signed by a worker's wallet: the exact bytes to broadcast and their hash. */
public record SignedTx(long nonce, String rawTx, String txHash, BigInteger gasLimit, Fees fees) {
}
