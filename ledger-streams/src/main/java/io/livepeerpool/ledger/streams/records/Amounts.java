package io.livepeerpool.ledger.streams.records;

import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Wei and weights between the domain ({@code BigInteger}) and Avro ({@code decimal(78,0)}, read as a
 * {@code BigDecimal} of scale 0). A fraction is a bug upstream and throws; it is never rounded. The check itself is
 * {@code protocol}'s {@link Uint256#wholeNumber}.
 */
public final class Amounts {
    private Amounts() {
    }

    public static BigDecimal toAvro(BigInteger value) {
        return new BigDecimal(value);
    }

    /** The integer, which must be >= 0. */
    public static BigInteger fromAvro(BigDecimal value, String name) {
        return Uint256.wholeNumber(value, name);
    }
}
