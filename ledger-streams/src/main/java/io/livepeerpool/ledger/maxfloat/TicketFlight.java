package io.livepeerpool.ledger.maxfloat;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Where one winning ticket's redemption stands, for its sender's pending amount. Counted by ticket hash, so a
 * redemption counts once however many intent records (Open, Replaced, re-delivered) name it:
 * <ul>
 *   <li>{@link InFlight}: an Open intent named it; its face value is pending.</li>
 *   <li>{@link Released}: the intent that carried it closed without a final outcome (the redeemer will try again at
 *   another nonce); a later Open intent with another id counts it again.</li>
 *   <li>{@link Final}: its outcome is recorded; nothing counts it again, also an intent that arrives late.</li>
 * </ul>
 */
public sealed interface TicketFlight {

    record InFlight(String intentId, BigInteger faceValue) implements TicketFlight {
        public InFlight {
            Objects.requireNonNull(intentId, "intentId");
            if (faceValue.signum() < 0) {
                throw new IllegalArgumentException("faceValue must be >= 0, got " + faceValue);
            }
        }
    }

    record Released(String intentId) implements TicketFlight {
    }

    record Final() implements TicketFlight {
    }

    /** The next state and what it adds to (positive) or removes from (negative) the sender's pending amount. */
    record Step(TicketFlight next, BigInteger pendingDelta) {
    }

    /** An Open intent {@code intentId} names the ticket; {@code current} is null for a ticket never seen. */
    static Step opened(TicketFlight current, String intentId, BigInteger faceValue) {
        boolean counts = current == null || (current instanceof Released r && !r.intentId().equals(intentId));
        return counts ? new Step(new InFlight(intentId, faceValue), faceValue) : new Step(current, BigInteger.ZERO);
    }

    /** The intent {@code intentId} closed: releases the ticket if that intent is the one that holds it. */
    static Step closed(TicketFlight current, String intentId) {
        if (current instanceof InFlight f && f.intentId().equals(intentId)) {
            return new Step(new Released(intentId), f.faceValue().negate());
        }
        return new Step(current, BigInteger.ZERO);
    }

    /** The ticket's final outcome is recorded. */
    static Step ended(TicketFlight current) {
        BigInteger delta = current instanceof InFlight f ? f.faceValue().negate() : BigInteger.ZERO;
        return new Step(new Final(), delta);
    }
}
