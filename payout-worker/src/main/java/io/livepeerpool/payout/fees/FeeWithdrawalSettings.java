package io.livepeerpool.payout.fees;

import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.web3j.crypto.Credentials;

/** The fee withdrawer's validated settings (see {@link FeeWithdrawalConfig} for each). */
public record FeeWithdrawalSettings(
        String withdrawerId,
        Credentials orchestrator,
        Address recipient,
        Address bondingManager,
        Optional<Address> poolPayouts,
        BigInteger gasReserveWei,
        BigInteger minWei,
        Duration interval,
        Duration retryAfter,
        int settledChecksMax,
        String rpcUrl,
        long chainId,
        int confirmations,
        Duration rpcTimeout,
        String bootstrapServers,
        String schemaRegistryUrl) {

    public Address orchestratorAddress() {
        return Address.parse(orchestrator.getAddress());
    }

    @Override
    public String toString() {
        return "FeeWithdrawalSettings[" + withdrawerId + ", orchestrator " + orchestratorAddress() + ", recipient "
                + recipient + "]"; // never the key
    }
}
