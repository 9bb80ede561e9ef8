package io.livepeerpool.chain.wallet;

/** What the node said to a raw transaction. */
public sealed interface BroadcastResult {
    /** Accepted into the pool (or already known there). */
    record Accepted() implements BroadcastResult {
    }

    /** Refused because the nonce is already used: one of this wallet's transactions at that nonce was mined. */
    record NonceUsed(String message) implements BroadcastResult {
    }

    /** Any other refusal (underpriced, out of funds...): reconcile, then decide. */
    record Refused(String message) implements BroadcastResult {
    }
}
