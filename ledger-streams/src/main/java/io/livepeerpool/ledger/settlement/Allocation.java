package io.livepeerpool.ledger.settlement;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.protocol.address.Address;
import java.math.BigInteger;

/** One transcoder's share of a settled round: its weight in the round and the wei it is credited. */
public record Allocation(String transcoder, BigInteger weight, BigInteger amount) {

    public Allocation {
        Address.requireLowercase(transcoder, "transcoder");
        if (weight.signum() <= 0) {
            throw new IllegalArgumentException("an allocation needs a weight > 0, got " + weight);
        }
        Uint256.check(amount, "amount");
    }
}
