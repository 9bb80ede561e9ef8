package io.livepeerpool.chain.tx;

import java.util.Optional;

/** A call or transaction the node refused or that reverted; {@link #revertReason()} when the contract gave one. */
public class ChainCallException extends RuntimeException {
    private final transient Optional<String> revertReason;

    public ChainCallException(String message, Optional<String> revertReason) {
        super(revertReason.map(r -> message + ": " + r).orElse(message));
        this.revertReason = revertReason;
    }

    public ChainCallException(String message, Throwable cause) {
        super(message, cause);
        this.revertReason = Optional.empty();
    }

    public Optional<String> revertReason() {
        return revertReason;
    }
}
