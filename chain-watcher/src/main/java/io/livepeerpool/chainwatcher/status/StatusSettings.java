package io.livepeerpool.chainwatcher.status;

import io.livepeerpool.chainwatcher.chain.ContractAddresses;
import java.time.Duration;

/**
 * What {@link ChainStatus} reads, and how patiently.
 *
 * @param rpcTimeout   per JSON-RPC call; short, so that /status answers quickly when the node is down
 * @param kafkaTimeout per cursor read
 * @param cacheTtl     how long a snapshot is reused (~1 s)
 */
public record StatusSettings(String rpcUrl, ContractAddresses contracts, int confirmations, String bootstrapServers,
                             String cursorTopic, String watcherId, Duration rpcTimeout, Duration kafkaTimeout,
                             Duration cacheTtl) {

    public static final Duration RPC_TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    public static final Duration KAFKA_TIMEOUT_DEFAULT = Duration.ofSeconds(2);
    public static final Duration CACHE_TTL_DEFAULT = Duration.ofSeconds(1);
}
