package io.livepeerpool.platform.retry;

import java.time.Duration;

/**
 * Bounded exponential backoff between retries: min, 2*min, 4*min, ... up to max; {@link #reset()} after a success.
 * The one backoff of the project (the chain watcher, the projector and the schema registry client use it). Not
 * thread-safe: one per retrying loop or call.
 */
public final class Backoff {
    private final long minMs;
    private final long maxMs;
    private long nextMs;
    private int failures;

    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max, got min " + min + ", max " + max);
        }
        this.minMs = min.toMillis();
        this.maxMs = max.toMillis();
        this.nextMs = minMs;
    }

    /** The delay to wait now (one more failure); the following one doubles, up to max. */
    public Duration next() {
        long now = nextMs;
        nextMs = nextMs > maxMs / 2 ? maxMs : Math.min(maxMs, nextMs * 2);
        failures++;
        return Duration.ofMillis(now);
    }

    /** Failures ({@link #next()} calls) since the last {@link #reset()}. */
    public int failures() {
        return failures;
    }

    public void reset() {
        nextMs = minMs;
        failures = 0;
    }
}
