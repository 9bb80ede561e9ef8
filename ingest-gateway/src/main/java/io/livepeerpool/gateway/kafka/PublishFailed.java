package io.livepeerpool.gateway.kafka;

/**
 * Kafka did not acknowledge a write in time or refused it; answered 503 so the client retries (retries are safe:
 * jobs and tickets carry their own idempotency keys). An operational condition, not a bug: no stack trace.
 */
public final class PublishFailed extends RuntimeException {
    public PublishFailed(String message) {
        super(message, null, false, false);
    }
}
