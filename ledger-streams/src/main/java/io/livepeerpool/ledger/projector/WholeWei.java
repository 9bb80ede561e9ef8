package io.livepeerpool.ledger.projector;

import java.math.BigDecimal;

/** Guards on amounts before they reach a NUMERIC(78,0) column: whole wei, never negative where the table says so. */
final class WholeWei {
    private WholeWei() {
    }

    /** The amount unchanged, or {@link IllegalArgumentException} if it has a fraction (NUMERIC would round it). */
    static BigDecimal whole(String field, BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if (amount.signum() != 0 && amount.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(field + " is not a whole number of wei: " + amount.toPlainString());
        }
        return amount.setScale(0);
    }
}
