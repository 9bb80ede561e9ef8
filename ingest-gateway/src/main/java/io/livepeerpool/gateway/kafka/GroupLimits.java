package io.livepeerpool.gateway.kafka;

import java.time.Duration;

/**
 * Bounds of one group commit: a transaction takes waiting requests, whole, until the next would pass
 * {@code maxRecords} or {@code maxBytes} (a single request larger than either goes alone), waiting at most
 * {@code maxWait} after the first for more to arrive (zero: only those already waiting).
 */
public record GroupLimits(int maxRecords, long maxBytes, Duration maxWait) {
    public GroupLimits {
        if (maxRecords < 1 || maxBytes < 1 || maxWait.isNegative()) {
            throw new IllegalArgumentException("group limits must be positive: " + maxRecords + ", " + maxBytes + ", " + maxWait);
        }
    }

    /** Whether a group already holding {@code records} and {@code bytes} can take {@code write} as well. */
    boolean fits(int records, long bytes, PendingWrite write) {
        return records + write.records().size() <= maxRecords && bytes + write.bytes() <= maxBytes;
    }
}
