package io.livepeerpool.redeemer;

import io.livepeerpool.protocol.address.Address;
import java.time.Duration;

/** The redeemer's resolved configuration (see {@link RedeemerConfig} for each key's meaning). */
public record RedeemerSettings(
        String redeemerId,
        String rpcUrl,
        long chainId,
        Address ticketBroker,
        Address roundsManager,
        int confirmations,
        String bootstrapServers,
        String schemaRegistryUrl,
        String groupId,
        long paramsDelayBlocks,
        int batchMaxTickets,
        long minFaceValueOverGasPct,
        Duration retryBackoffMin,
        Duration retryBackoffMax,
        Duration replaceAfter,
        int feeBumpPct,
        int replacementsMax,
        Duration pollInterval,
        Duration rpcTimeout,
        Duration sessionTimeout,
        Duration kafkaTimeout) {
}
