package io.livepeerpool.chain.payouts;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import java.math.BigInteger;

/** A PoolPayouts log of a mined transaction, with its index in the block (the proof's address). */
public sealed interface PayoutLog {
    Bytes32 id();

    int logIndex();

    /** {@code PayoutPaid}: the payee received the amount. */
    record Paid(Bytes32 id, Address payee, BigInteger amount, int logIndex) implements PayoutLog {
    }

    /** {@code PayoutRefused}: the payee rejected the ETH; the id is settled and can never be paid. */
    record Refused(Bytes32 id, Address payee, BigInteger amount, int logIndex) implements PayoutLog {
    }

    /** {@code PayoutSkipped}: the id was settled by an earlier transaction; nothing was sent. */
    record Skipped(Bytes32 id, int logIndex) implements PayoutLog {
    }
}
