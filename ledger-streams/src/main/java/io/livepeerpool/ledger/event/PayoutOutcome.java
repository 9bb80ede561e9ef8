package io.livepeerpool.ledger.event;

import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Uint256;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The payout worker's final outcome for one payout request ({@code pool.payouts}), with what the chain proved: how
 * much reached the payee and the member's share of the gas. Only the first outcome per payout id counts.
 *
 * @param amount         wei the ledger requested
 * @param amountSent     wei that reached the payee (a PayoutPaid log); 0 unless Paid
 * @param gasShare       the member's share of the transaction's gas, wei
 * @param memberPaysGas  {@code gasPaidBy=member}: the gas share is charged to the member's account
 */
public record PayoutOutcome(String payoutId, String transcoder, Status status, BigInteger amount,
                            BigInteger amountSent, BigInteger gasShare, boolean memberPaysGas)
        implements LedgerEvent {

    /** Paid: a PayoutPaid log; Refused: a PayoutRefused log; Reverted: the transaction reverted, paid(id) false. */
    public enum Status { Paid, Refused, Reverted }

    public PayoutOutcome {
        if (Objects.requireNonNull(payoutId, "payoutId").isBlank()) {
            throw new IllegalArgumentException("payoutId must not be blank");
        }
        Address.requireLowercase(transcoder, "transcoder");
        Objects.requireNonNull(status, "status");
        Uint256.check(amount, "amount");
        Uint256.check(amountSent, "amountSent");
        Uint256.check(gasShare, "gasShare");
        if (status != Status.Paid && amountSent.signum() != 0) {
            throw new IllegalArgumentException("amountSent must be 0 when " + status + ", got " + amountSent);
        }
        if (amountSent.compareTo(amount) > 0) {
            throw new IllegalArgumentException("amountSent " + amountSent + " is more than the amount " + amount);
        }
    }
}
