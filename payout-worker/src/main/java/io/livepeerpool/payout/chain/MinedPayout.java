package io.livepeerpool.payout.chain;

import io.livepeerpool.chain.tx.TxResult;

/** A mined payout transaction: its result (logs, gas, status, the replayed revert reason) and its block's hash. */
public record MinedPayout(TxResult tx, String blockHash) {
}
