package io.livepeerpool.chain.wallet;

/** The node could not be reached or answered with an error that says nothing about the call itself (no revert): reconcile, retry later. */
public final class RpcFailure extends RuntimeException {
    public RpcFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public RpcFailure(String message) {
        super(message);
    }
}
