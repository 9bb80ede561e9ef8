package io.livepeerpool.ledger.streams.maxfloat;

import io.livepeerpool.ledger.maxfloat.MaxFloatValue;
import io.livepeerpool.ledger.maxfloat.SenderFunds;
import io.livepeerpool.ledger.streams.records.Amounts;
import io.livepeerpool.schemas.avro.MaxFloat;
import java.math.BigDecimal;
import java.time.Instant;

/** {@link SenderFunds} and its {@link MaxFloatValue} to and from the Avro {@code MaxFloat} record (also the store's value). */
final class MaxFloatRecords {
    private MaxFloatRecords() {
    }

    static MaxFloat toAvro(String sender, SenderFunds funds, String cause, long timestampMs) {
        MaxFloatValue value = funds.maxFloat();
        return MaxFloat.newBuilder()
                .setSender(sender)
                .setMaxFloat(Amounts.toAvro(value.served()))
                .setRawMaxFloat(new BigDecimal(value.raw()))
                .setDeposit(Amounts.toAvro(funds.deposit()))
                .setWithdrawRound(funds.withdrawRound())
                .setReserveFundsRemaining(Amounts.toAvro(funds.fundsRemaining()))
                .setReserveClaimedInCurrentRound(Amounts.toAvro(funds.claimedInCurrentRound()))
                .setClaimedByRecipient(Amounts.toAvro(funds.claimedByRecipient()))
                .setPoolSize(funds.poolSize())
                .setPending(Amounts.toAvro(funds.pending()))
                .setRound(funds.round())
                .setCause(cause)
                .setAt(Instant.ofEpochMilli(timestampMs))
                .build();
    }

    static SenderFunds funds(MaxFloat r) {
        return new SenderFunds(Amounts.fromAvro(r.getDeposit(), "deposit"), r.getWithdrawRound(),
                Amounts.fromAvro(r.getReserveFundsRemaining(), "reserveFundsRemaining"),
                Amounts.fromAvro(r.getReserveClaimedInCurrentRound(), "reserveClaimedInCurrentRound"),
                Amounts.fromAvro(r.getClaimedByRecipient(), "claimedByRecipient"), r.getPoolSize(),
                Amounts.fromAvro(r.getPending(), "pending"), r.getRound());
    }
}
