package io.livepeerpool.payout.batch;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.math.BigInteger;

/**
 * A payout request waiting to be paid: who asked (the transcoder whose balance it took), who receives it, how much,
 * its on-chain id (keccak256 of the payout id) and where it was read (partition, offset) so its offset is committed
 * only with its outcome.
 */
public record QueuedPayout(String payoutId, Bytes32 onChainId, Address transcoder, Address payee, long round,
                           BigInteger amount, int partition, long offset) {
    public QueuedPayout {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("payout " + payoutId + ": amount must be > 0 wei, got " + amount);
        }
    }
}
