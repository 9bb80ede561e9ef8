package io.livepeerpool.payout.worker;

import io.livepeerpool.chain.payouts.PayoutLine;
import io.livepeerpool.chain.payouts.PoolPayoutsClient;
import io.livepeerpool.chain.tx.TxResult;
import io.livepeerpool.payout.batch.QueuedPayout;
import io.livepeerpool.payout.chain.MinedPayout;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.protocol.ticket.Bytes32;
import io.livepeerpool.schemas.avro.GasPayer;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutIntentLine;
import io.livepeerpool.schemas.avro.PayoutRequest;
import io.livepeerpool.schemas.avro.PayoutStatus;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;

/** Avro records to and from the domain: requests to queued payouts, intent lines, call lines, outcomes. */
final class PayoutRecords {
    private PayoutRecords() {
    }

    /** A request as queued; throws IllegalArgumentException for a record that cannot be paid (bad address, amount <= 0). */
    static QueuedPayout queued(PayoutRequest r, int partition, long offset) {
        Address transcoder = Address.parse(r.getTranscoder());
        Address payee = r.getPayee() == null ? transcoder : Address.parse(r.getPayee());
        return new QueuedPayout(r.getPayoutId(), PoolPayoutsClient.onChainId(r.getPayoutId()), transcoder, payee,
                r.getRound(), r.getAmount().toBigIntegerExact(), partition, offset);
    }

    static PayoutIntentLine intentLine(QueuedPayout p) {
        return PayoutIntentLine.newBuilder()
                .setPayoutId(p.payoutId())
                .setOnChainId(p.onChainId().hex())
                .setTranscoder(p.transcoder().hex())
                .setPayee(p.payee().hex())
                .setRound(p.round())
                .setAmount(new BigDecimal(p.amount()))
                .build();
    }

    static PayoutLine chainLine(QueuedPayout p) {
        return new PayoutLine(p.onChainId(), p.payee(), p.amount());
    }

    static Bytes32 onChainId(PayoutIntentLine line) {
        return Bytes32.parse(line.getOnChainId());
    }

    /** An outcome with the chain's proof: the transaction, its block, the log (when there is one) and the gas share. */
    static Payout outcome(PayoutIntentLine line, PayoutStatus status, BigInteger amountSent, Integer logIndex,
                          String reason, MinedPayout mined, int txPayouts, BigInteger gasShare, GasPayer gasPaidBy,
                          String workerId) {
        TxResult tx = mined.tx();
        return Payout.newBuilder()
                .setPayoutId(line.getPayoutId())
                .setOnChainId(line.getOnChainId())
                .setTranscoder(line.getTranscoder())
                .setPayee(line.getPayee())
                .setRound(line.getRound())
                .setStatus(status)
                .setAmount(line.getAmount())
                .setAmountSent(new BigDecimal(amountSent))
                .setGasShare(new BigDecimal(gasShare))
                .setGasPaidBy(gasPaidBy)
                .setTxHash(tx.txHash())
                .setBlockNumber(tx.blockNumber().longValueExact())
                .setBlockHash(mined.blockHash())
                .setLogIndex(logIndex)
                .setTxGasCost(new BigDecimal(tx.gasCost()))
                .setTxPayouts(txPayouts)
                .setReason(reason)
                .setWorkerId(workerId)
                .setAt(Instant.now())
                .build();
    }
}
