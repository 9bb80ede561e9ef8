package io.livepeerpool.redeemer.queue;

/**
 * Bounded exponential backoff for a sender whose head must be retried: {@code min * 2^(n-1)}, at most {@code max}.
 */
public record RetryBackoff(long minMs, long maxMs) {

    public RetryBackoff {
        if (minMs <= 0 || maxMs < minMs) {
            throw new IllegalArgumentException("need 0 < minMs <= maxMs");
        }
    }

    /** The wait before retry number {@code attempt} (1 for the first). */
    public long delayMs(int attempt) {
        int shift = Math.max(0, Math.min(attempt - 1, 30));
        long delay = minMs << shift;
        return delay <= 0 || delay > maxMs ? maxMs : delay;
    }
}
