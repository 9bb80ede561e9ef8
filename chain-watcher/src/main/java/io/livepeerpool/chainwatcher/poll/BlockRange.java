package io.livepeerpool.chainwatcher.poll;

import java.util.OptionalLong;

/**
 * What one poll reads: blocks {@code from..to} (inclusive), all at least {@code confirmations} deep below
 * {@code head}. Empty ({@code from > to}) when there is nothing new confirmed. Pure arithmetic, unit-tested.
 */
public record BlockRange(long head, long confirmed, long from, long to) {

    /**
     * @param head          latest block of the node
     * @param confirmations how deep a block must be: confirmed = head - confirmations
     * @param cursorBlock   last emitted block, if any
     * @param start         where to begin without a cursor
     * @param rangeMax      most blocks per eth_getLogs (>= 1)
     */
    public static BlockRange plan(long head, int confirmations, OptionalLong cursorBlock, StartBlock start, int rangeMax) {
        if (rangeMax < 1 || confirmations < 0 || head < 0) {
            throw new IllegalArgumentException("rangeMax >= 1, confirmations >= 0 and head >= 0 required");
        }
        long confirmed = head - confirmations;
        long from;
        if (cursorBlock.isPresent()) {
            from = cursorBlock.getAsLong() + 1;
        } else if (start.latest()) {
            from = Math.max(0, confirmed);
        } else {
            from = start.block();
        }
        long to = Math.min(confirmed, from + rangeMax - 1);
        return new BlockRange(head, confirmed, from, to);
    }

    public boolean isEmpty() {
        return from > to;
    }

    /** True when this range reaches the confirmed head: no need to poll again before the next interval. */
    public boolean reachesConfirmed() {
        return to >= confirmed;
    }

    public long blocks() {
        return isEmpty() ? 0 : to - from + 1;
    }
}
