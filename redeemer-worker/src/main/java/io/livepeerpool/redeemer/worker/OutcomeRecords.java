package io.livepeerpool.redeemer.worker;

import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.schemas.avro.IntentTicket;
import io.livepeerpool.schemas.avro.Redemption;
import io.livepeerpool.schemas.avro.RedemptionStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/** Builds {@code Redemption} records: with a mined transaction (its gas and this ticket's share) or without one. */
final class OutcomeRecords {
    private final String redeemerId;

    OutcomeRecords(String redeemerId) {
        this.redeemerId = redeemerId;
    }

    Redemption withoutTx(IntentTicket t, RedemptionStatus status, String reason) {
        return base(t, status, reason).setAmountTransferred(BigDecimal.ZERO).build();
    }

    Redemption withTx(IntentTicket t, RedemptionStatus status, String reason, TxResult tx, int txTickets,
                      BigInteger gasShare, BigInteger amount) {
        return base(t, status, reason)
                .setTxHash(tx.txHash())
                .setBlockNumber(tx.blockNumber().longValueExact())
                .setTxGasCost(new BigDecimal(tx.gasCost()))
                .setTxTickets(txTickets)
                .setGasShare(new BigDecimal(gasShare))
                .setAmountTransferred(new BigDecimal(amount))
                .build();
    }

    private Redemption.Builder base(IntentTicket t, RedemptionStatus status, String reason) {
        return Redemption.newBuilder()
                .setTicketHash(t.getTicketHash())
                .setSender(t.getSender())
                .setRecipient(t.getRecipient())
                .setFaceValue(t.getFaceValue())
                .setStatus(status)
                .setReason(reason)
                .setRedeemerId(redeemerId)
                .setAt(Instant.now());
    }
}
