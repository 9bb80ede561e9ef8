package io.livepeerpool.redeemer.wallet;

import java.math.BigInteger;

/** A transaction signed by the redeemer's wallet: the exact bytes to broadcast and their hash. */
public record SignedTx(long nonce, String rawTx, String txHash, BigInteger gasLimit, Fees fees) {
}
