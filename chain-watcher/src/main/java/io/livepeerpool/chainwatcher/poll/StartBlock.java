package io.livepeerpool.chainwatcher.poll;

import java.util.Locale;

/**
 * {@code chain.startBlock}: where a watcher without a cursor begins. A block number, or {@code latest}: the confirmed
 * head at its first poll (a new pool does not need the chain's history). Ignored once a cursor exists.
 */
public record StartBlock(long block) {
    public static final StartBlock LATEST = new StartBlock(-1);

    public StartBlock {
        if (block < -1) {
            throw new IllegalArgumentException("start block must be >= 0");
        }
    }

    public static StartBlock parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("latest")) {
            return LATEST;
        }
        long block = Long.parseLong(t);
        if (block < 0) {
            throw new IllegalArgumentException("must be a block number >= 0 or 'latest'");
        }
        return new StartBlock(block);
    }

    public boolean latest() {
        return block < 0;
    }

    @Override
    public String toString() {
        return latest() ? "latest" : Long.toString(block);
    }
}
