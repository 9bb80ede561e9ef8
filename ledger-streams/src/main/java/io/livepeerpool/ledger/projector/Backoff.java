package io.livepeerpool.ledger.projector;

/** Exponential back-off between retries of a failed batch, bounded above; reset after a success. */
final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private long nextMs;
    private int failures;

    Backoff(long initialMs, long maxMs) {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException("need 1 <= initialMs <= maxMs");
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.nextMs = initialMs;
    }

    /** The wait before the next attempt; each call doubles the following one, up to the bound. */
    long nextDelayMs() {
        long delay = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        failures++;
        return delay;
    }

    /** Failures since the last success. */
    int failures() {
        return failures;
    }

    void reset() {
        nextMs = initialMs;
        failures = 0;
    }
}
