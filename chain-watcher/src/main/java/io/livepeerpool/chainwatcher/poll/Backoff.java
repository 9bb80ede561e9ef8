package io.livepeerpool.chainwatcher.poll;

import java.time.Duration;

/** Bounded exponential backoff: min, 2*min, 4*min, ... up to max; {@link #reset()} after a success. Not thread-safe. */
public final class Backoff {
    private final long minMs;
    private final long maxMs;
    private long nextMs;

    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max");
        }
        this.minMs = min.toMillis();
        this.maxMs = max.toMillis();
        this.nextMs = minMs;
    }

    /** The delay to wait now; the following one doubles, up to max. */
    public Duration next() {
        long now = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return Duration.ofMillis(now);
    }

    public void reset() {
        nextMs = minMs;
    }
}
