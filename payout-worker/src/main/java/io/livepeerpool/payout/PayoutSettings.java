package io.livepeerpool.payout;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.GasPayer;
import java.time.Duration;

/** The payout worker's resolved configuration (see {@link PayoutConfig} for each key's meaning). */
public record PayoutSettings(
        String workerId,
        String rpcUrl,
        long chainId,
        Address poolPayouts,
        int confirmations,
        String bootstrapServers,
        String schemaRegistryUrl,
        String groupId,
        int batchMaxPayees,
        GasPayer gasPaidBy,
        Duration replaceAfter,
        int feeBumpPct,
        int replacementsMax,
        Duration pollInterval,
        Duration rpcTimeout,
        Duration sessionTimeout,
        Duration kafkaTimeout) {
}
