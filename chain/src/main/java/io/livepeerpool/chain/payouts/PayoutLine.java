package io.livepeerpool.chain.payouts;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.math.BigInteger;

/** One payment of a {@code PoolPayouts.pay} call: the on-chain payout id, who receives it and how many wei. */
public record PayoutLine(Bytes32 id, Address payee, BigInteger amount) {
    public PayoutLine {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a payout amount must be > 0 wei, got " + amount);
        }
    }
}
