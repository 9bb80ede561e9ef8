package io.livepeerpool.redeemer.worker;

import io.livepeerpool.schemas.avro.RedemptionIntent;
import java.util.ArrayList;
import java.util.List;

/**
 * One of this wallet's transactions that has no outcome yet: its latest intent record (Open or Replaced), the call
 * data it carries, and since when its current signed transaction has been waiting.
 */
final class InFlight {
    private RedemptionIntent intent;
    private final String calldata;
    private long sentAtMs;
    private int replacements;

    InFlight(RedemptionIntent intent, String calldata, long sentAtMs) {
        this.intent = intent;
        this.calldata = calldata;
        this.sentAtMs = sentAtMs;
    }

    RedemptionIntent intent() {
        return intent;
    }

    String calldata() {
        return calldata;
    }

    long sentAtMs() {
        return sentAtMs;
    }

    int replacements() {
        return replacements;
    }

    long nonce() {
        return intent.getNonce();
    }

    List<String> ticketHashes() {
        return intent.getTickets().stream().map(t -> t.getTicketHash()).toList();
    }

    /** Every transaction ever signed at this nonce, newest first: any of them may be the one mined. */
    List<String> txHashes() {
        List<String> all = new ArrayList<>();
        all.add(intent.getTxHash());
        List<String> previous = new ArrayList<>(intent.getPreviousTxHashes());
        java.util.Collections.reverse(previous);
        all.addAll(previous);
        return all;
    }

    void replacedBy(RedemptionIntent replacement, long nowMs) {
        this.intent = replacement;
        this.sentAtMs = nowMs;
        this.replacements++;
    }

    void resent(long nowMs) {
        this.sentAtMs = nowMs;
    }
}
