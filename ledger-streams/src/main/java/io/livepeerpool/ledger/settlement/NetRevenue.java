package io.livepeerpool.ledger.settlement;

import io.livepeerpool.protocol.ticket.Uint256;
import io.livepeerpool.ledger.event.TicketTransfer;
import java.math.BigInteger;

/**
 * What a ticket transfer to one of the pool's orchestrators adds to the pool's revenue: the amount actually
 * transferred (not the ticket's face value), less the delegators' fee share rounded down (the orchestrator's
 * feeShare in force, see {@link FeeShares}), less the ticket's {@link GasShare} of the redemption gas when
 * configured, never below 0 (a transfer whose gas cost more than it brought adds nothing; it never takes revenue
 * away).
 */
public final class NetRevenue {
    private static final BigInteger PPM = BigInteger.valueOf(LedgerPolicy.PPM);

    private NetRevenue() {
    }

    /** With the policy's default fee share (an orchestrator without a TranscoderUpdate yet). */
    public static BigInteger of(TicketTransfer transfer, LedgerPolicy policy) {
        return of(transfer, policy.delegatorFeeSharePpm(), policy);
    }

    /** With the orchestrator's fee share in force ({@link FeeShares#inForce}). */
    public static BigInteger of(TicketTransfer transfer, int delegatorFeeSharePpm, LedgerPolicy policy) {
        return of(transfer.amount(), transfer.gasShare(), delegatorFeeSharePpm, policy.deductRedemptionGas());
    }

    /** {@code max(0, amount - floor(amount * feeSharePpm / 1e6) - (deductGas ? gasCost : 0))}. */
    public static BigInteger of(BigInteger amount, BigInteger gasCost, int delegatorFeeSharePpm, boolean deductGas) {
        Uint256.check(amount, "amount");
        Uint256.check(gasCost, "gasCost");
        if (delegatorFeeSharePpm < 0 || delegatorFeeSharePpm > LedgerPolicy.PPM) {
            throw new IllegalArgumentException("delegatorFeeSharePpm must be between 0 and 1000000, got "
                    + delegatorFeeSharePpm);
        }
        BigInteger delegatorShare = amount.multiply(BigInteger.valueOf(delegatorFeeSharePpm)).divide(PPM);
        BigInteger net = amount.subtract(delegatorShare);
        if (deductGas) {
            net = net.subtract(gasCost);
        }
        return net.max(BigInteger.ZERO);
    }
}
