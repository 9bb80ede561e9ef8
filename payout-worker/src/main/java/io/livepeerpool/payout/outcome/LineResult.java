package io.livepeerpool.payout.outcome;

import java.math.BigInteger;

/** What a mined PoolPayouts.pay transaction did with one of its payouts, read from its receipt. */
public sealed interface LineResult {
    /** A PayoutPaid log for this id: the payee got {@code amount}. */
    record Paid(BigInteger amount, int logIndex) implements LineResult {
    }

    /** A PayoutRefused log: the payee rejected the ETH, the amount came back, the id is settled. */
    record Refused(BigInteger amount, int logIndex) implements LineResult {
    }

    /** The transaction reverted (status 0): nothing it carried was paid or settled. */
    record Reverted() implements LineResult {
    }

    /**
     * No proof either way for this id in a successful transaction (a PayoutSkipped log: settled by a transaction the
     * journal does not know, or no log at all). Never recorded as an outcome: held for an operator.
     */
    record Unexplained(String why) implements LineResult {
    }
}
