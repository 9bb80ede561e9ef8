package io.livepeerpool.chainwatcher.poll;

/**
 * The blocks per eth_getLogs in use: {@code chain.blockRangeMax} normally, halved (down to 1) each time the node
 * answers eth_getLogs with an error (providers refuse ranges with too many logs), doubled back after each success.
 * Not thread-safe.
 */
public final class RangeLimit {
    private final int max;
    private int current;

    public RangeLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1");
        }
        this.max = max;
        this.current = max;
    }

    public int current() {
        return current;
    }

    public void shrink() {
        current = Math.max(1, current / 2);
    }

    public void grow() {
        current = (int) Math.min(max, current * 2L);
    }
}
