package io.livepeerpool.ledger.streams.records;

import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.payout.AccountChange;
import io.livepeerpool.ledger.payout.PayoutPreferences;
import io.livepeerpool.ledger.settlement.PayoutRequest;
import io.livepeerpool.protocol.address.Address;
import io.livepeerpool.schemas.avro.AccountChangeCause;
import io.livepeerpool.schemas.avro.GasPayer;
import io.livepeerpool.schemas.avro.MemberAccountChange;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutSettings;

/** Avro <-> domain for the members' side (payout outcomes, settings, open requests, account changes). */
public final class MemberRecords {
    private MemberRecords() {
    }

    public static PayoutOutcome outcome(Payout p) {
        return new PayoutOutcome(p.getPayoutId(), Address.parse(p.getTranscoder()).hex(),
                PayoutOutcome.Status.valueOf(p.getStatus().name()), Amounts.fromAvro(p.getAmount(), "amount"),
                Amounts.fromAvro(p.getAmountSent(), "amountSent"), Amounts.fromAvro(p.getGasShare(), "gasShare"),
                p.getGasPaidBy() == GasPayer.member);
    }

    public static PayoutSettingsChange settings(PayoutSettings s) {
        return new PayoutSettingsChange(Address.parse(s.getTranscoder()).hex(),
                Address.parse(s.getPayoutAddress()).hex(), Amounts.fromAvro(s.getThreshold(), "threshold"),
                s.getNonce());
    }

    public static PayoutPreferences preferences(PayoutSettings s) {
        PayoutSettingsChange change = settings(s);
        return new PayoutPreferences(change.payoutAddress(), change.thresholdWei(), change.nonce());
    }

    public static io.livepeerpool.schemas.avro.PayoutRequest payoutRequest(PayoutRequest p) {
        return new io.livepeerpool.schemas.avro.PayoutRequest(p.payoutId(), p.round(), p.transcoder(),
                Amounts.toAvro(p.amount()), p.payee());
    }

    public static PayoutRequest payoutRequest(io.livepeerpool.schemas.avro.PayoutRequest p) {
        return new PayoutRequest(p.getRound(), p.getTranscoder(), Amounts.fromAvro(p.getAmount(), "amount"),
                p.getPayoutId(), p.getPayee());
    }

    public static MemberAccountChange accountChange(AccountChange c, long seq) {
        return new MemberAccountChange(c.transcoder(), c.afterRound(), seq, AccountChangeCause.valueOf(c.cause().name()),
                c.payoutId(), c.status(), Amounts.toAvro(c.credited()), Amounts.toAvro(c.charged()),
                Amounts.toAvro(c.after().balance()), Amounts.toAvro(c.after().debt()));
    }
}
