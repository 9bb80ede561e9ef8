package io.livepeerpool.chainwatcher.status;

import java.util.Map;

/**
 * What {@code GET /status} shows about the chain. Each field is null when its source could not be read; then
 * {@code error} says which source failed and why (null when everything was read).
 *
 * @param round                RoundsManager.currentRound()
 * @param lastInitializedRound RoundsManager.lastInitializedRound()
 * @param chainHead            the RPC node's latest block
 * @param confirmedBlock       the watcher's cursor: every log up to this block is in the chain-events topic
 * @param lagBlocks            (chainHead - confirmations) - confirmedBlock, at least 0
 * @param contracts            watched contracts, {@code ticketBroker|roundsManager|bondingManager -> address}
 * @param error                what could not be read, or null
 */
public record ChainStatusSnapshot(Long round, Long lastInitializedRound, Long chainHead, Long confirmedBlock,
                                  Long lagBlocks, Map<String, String> contracts, String error) {

    public ChainStatusSnapshot {
        contracts = Map.copyOf(contracts);
    }
}
