package io.livepeerpool.chainwatcher;

import io.livepeerpool.chainwatcher.chain.ContractAddresses;
import io.livepeerpool.chainwatcher.decode.OrchestratorFilter;
import io.livepeerpool.chainwatcher.poll.StartBlock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A watcher's configuration once validated and resolved (preset applied). Made by
 * {@link ChainWatcherConfig#settings}; see README for the meaning of each key.
 */
public record WatcherSettings(
        String watcherId,
        String rpcUrl,
        ContractAddresses contracts,
        OptionalLong expectedChainId,
        StartBlock startBlock,
        int confirmations,
        Duration pollInterval,
        int blockRangeMax,
        Duration rpcTimeout,
        OrchestratorFilter orchestrators,
        String bootstrapServers,
        String schemaRegistryUrl,
        Duration retryBackoffMin,
        Duration retryBackoffMax,
        Duration healthStale,
        Duration kafkaTimeout) {

    public WatcherSettings {
        Objects.requireNonNull(watcherId, "watcherId");
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(contracts, "contracts");
        Objects.requireNonNull(expectedChainId, "expectedChainId");
        Objects.requireNonNull(startBlock, "startBlock");
        Objects.requireNonNull(orchestrators, "orchestrators");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        if (confirmations < 0 || blockRangeMax < 1) {
            throw new IllegalArgumentException("confirmations >= 0 and blockRangeMax >= 1 required");
        }
    }

    /** The longest a healthy watcher can be inside one step: an RPC timeout per call of a poll, then Kafka. */
    Duration stepTimeout() {
        return rpcTimeout.multipliedBy(4).plus(kafkaTimeout).plusSeconds(5);
    }
}
