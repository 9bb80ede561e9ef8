package io.livepeerpool.chainwatcher.poll;

/**
 * A condition the watcher must not work around, because every way forward could emit data inconsistent with what
 * it already emitted: the cursor's block hash changed (a reorg deeper than the confirmations), the RPC endpoint is
 * on another chain than the preset, the chain-events topic is not single-partition. The watcher stops polling and
 * reports unhealthy; an operator decides (see README, "Reorgs").
 */
public final class WatcherHaltException extends RuntimeException {
    public WatcherHaltException(String message) {
        super(message);
    }
}
