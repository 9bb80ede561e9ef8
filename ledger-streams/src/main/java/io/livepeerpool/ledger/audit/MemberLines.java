package io.livepeerpool.ledger.audit;

import io.livepeerpool.ledger.replay.JsonLine;
import io.livepeerpool.ledger.event.PayoutOutcome;
import io.livepeerpool.ledger.event.PayoutSettingsChange;
import io.livepeerpool.ledger.streams.records.MemberRecords;
import io.livepeerpool.schemas.avro.Payout;
import io.livepeerpool.schemas.avro.PayoutSettings;
import java.util.List;

/**
 * The members' records -> replay lines: a payout outcome -> {@code payout}, payout settings -> {@code payoutSettings}.
 * Converted through {@link MemberRecords}, the ledger's own mapping, so the replay reads what the ledger applied.
 */
final class MemberLines {
    private MemberLines() {
    }

    static final LineWriter<Payout> PAYOUTS = record -> {
        PayoutOutcome p = MemberRecords.outcome(record);
        return List.of(JsonLine.of(json -> {
            json.writeStringField("type", "payout");
            json.writeStringField("payoutId", p.payoutId());
            json.writeStringField("transcoder", p.transcoder());
            json.writeStringField("status", p.status().name());
            json.writeStringField("amount", p.amount().toString());
            json.writeStringField("amountSent", p.amountSent().toString());
            json.writeStringField("gasShare", p.gasShare().toString());
            json.writeStringField("gasPaidBy", p.memberPaysGas() ? "member" : "pool");
        }));
    };

    static final LineWriter<PayoutSettings> SETTINGS = record -> {
        PayoutSettingsChange s = MemberRecords.settings(record);
        return List.of(JsonLine.of(json -> {
            json.writeStringField("type", "payoutSettings");
            json.writeStringField("transcoder", s.transcoder());
            json.writeStringField("payoutAddress", s.payoutAddress());
            json.writeStringField("threshold", s.thresholdWei().toString());
            json.writeNumberField("nonce", s.nonce());
        }));
    };
}
