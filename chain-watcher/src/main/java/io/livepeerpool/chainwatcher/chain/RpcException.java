package io.livepeerpool.chainwatcher.chain;

/**
 * A JSON-RPC call that did not give a usable answer: no response, a timeout, an HTTP error, unparseable JSON
 * ({@link #isErrorResponse()} false), or a JSON-RPC error object from the node (true). Always worth retrying later;
 * never a reason to stop the process.
 */
public final class RpcException extends RuntimeException {
    private final String operation;
    private final boolean errorResponse;

    public RpcException(String operation, String message, boolean errorResponse, Throwable cause) {
        super(operation + ": " + message, cause);
        this.operation = operation;
        this.errorResponse = errorResponse;
    }

    /** The JSON-RPC method, e.g. {@code eth_getLogs}. */
    public String operation() {
        return operation;
    }

    /** True when the node answered with a JSON-RPC error (e.g. a range too large, pruned state). */
    public boolean isErrorResponse() {
        return errorResponse;
    }
}
