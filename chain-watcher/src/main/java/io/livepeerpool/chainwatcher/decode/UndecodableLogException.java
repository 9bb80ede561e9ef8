package io.livepeerpool.chainwatcher.decode;

/**
 * A log of one of our contracts with a known topic0 whose topics or data do not have the event's shape. The contract
 * is not what the configuration says it is; the watcher stops rather than emit a guess.
 */
public final class UndecodableLogException extends RuntimeException {
    public UndecodableLogException(String message) {
        super(message);
    }
}
