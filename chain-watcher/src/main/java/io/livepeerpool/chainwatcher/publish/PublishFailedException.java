package io.livepeerpool.chainwatcher.publish;

/** A Kafka transaction that did not commit: nothing of it is visible to read_committed consumers. */
public final class PublishFailedException extends RuntimeException {
    private final boolean fenced;

    public PublishFailedException(String message, Throwable cause, boolean fenced) {
        super(message, cause);
        this.fenced = fenced;
    }

    /** Another producer with our transactional id took over: another watcher runs with the same chainWatcher.id. */
    public boolean fenced() {
        return fenced;
    }
}
