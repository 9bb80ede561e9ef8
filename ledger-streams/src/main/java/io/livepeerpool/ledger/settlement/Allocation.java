package io.livepeerpool.ledger.settlement;

import io.livepeerpool.ledger.event.Hex;
import io.livepeerpool.ledger.event.Wei;
import java.math.BigInteger;

/** One transcoder's share of a settled round: its weight in the round and the wei it is credited. */
public record Allocation(String transcoder, BigInteger weight, BigInteger amount) {

    public Allocation {
        Hex.requireAddress(transcoder, "transcoder");
        if (weight.signum() <= 0) {
            throw new IllegalArgumentException("an allocation needs a weight > 0, got " + weight);
        }
        Wei.require(amount, "amount");
    }
}
