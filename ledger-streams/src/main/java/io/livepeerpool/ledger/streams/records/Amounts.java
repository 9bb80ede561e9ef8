package io.livepeerpool.ledger.streams.records;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Wei and weights between the domain ({@code BigInteger}) and Avro ({@code decimal(78,0)}, read as a
 * {@code BigDecimal} of scale 0). A fraction is a bug upstream and throws; it is never rounded.
 */
public final class Amounts {
    private Amounts() {
    }

    public static BigDecimal toAvro(BigInteger value) {
        return new BigDecimal(value);
    }

    /** The integer, which must be >= 0. */
    public static BigInteger fromAvro(BigDecimal value, String name) {
        BigInteger integer;
        try {
            integer = value.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value, e);
        }
        if (integer.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return integer;
    }
}
